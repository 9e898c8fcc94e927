// TCP echo over 127.0.0.1, one connection: 64-byte messages, each sent when
// the previous one came back, 20,000 round trips: messages per second.
require('./net_echo_common')('net_echo_1', 1, 20000);
