// The globals `URL` and `URLSearchParams`: `url`'s exports, loaded on first use.
'use strict';
shared.lazyGlobal('URL', 'url');
shared.lazyGlobal('URLSearchParams', 'url');
