"""WebAssembly front end: text/binary input, decoding and validation."""
