// TCP echo over 127.0.0.1, 50 connections in parallel, each doing 64-byte
// round trips, 50,000 in all: messages per second.
require('./net_echo_common')('net_echo_50', 50, 50000);
