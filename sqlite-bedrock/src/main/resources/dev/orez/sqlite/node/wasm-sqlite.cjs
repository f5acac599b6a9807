'use strict';
// Loads orez's SQLite WebAssembly module (a WASI reactor) once per process and
// exposes its exports together with small helpers for moving strings, blobs
// and integers across the linear-memory boundary.
//
// Pointers are wasm32 (plain JS numbers); sqlite3_int64 values cross the
// boundary as BigInt.

const fs = require('fs');
const path = require('path');

const WASM_PATH = path.join(__dirname, 'sqlite3.wasm');

// Node prints an ExperimentalWarning the first time node:wasi is loaded.
// Swallow exactly that warning, leave every other warning alone.
function loadWasi() {
	const original = process.emitWarning;
	process.emitWarning = function emitWarning(warning, ...rest) {
		const type = typeof rest[0] === 'string' ? rest[0]
			: rest[0] && typeof rest[0] === 'object' ? rest[0].type : undefined;
		const text = typeof warning === 'string' ? warning : warning && warning.message;
		const name = warning && typeof warning === 'object' ? warning.name : undefined;
		if ((type === 'ExperimentalWarning' || name === 'ExperimentalWarning')
			&& typeof text === 'string' && /\bWASI\b/.test(text)) {
			return;
		}
		return original.call(this, warning, ...rest);
	};
	try {
		const wasi = require('node:wasi');
		return wasi.WASI;
	} finally {
		process.emitWarning = original;
	}
}

function processAlive(pid) {
	try {
		process.kill(pid, 0);
		return 1;
	} catch (err) {
		return err && err.code === 'EPERM' ? 1 : 0;
	}
}

// Unicode case mapping for SQLite's lower()/upper() (orez_sqlite.c handles
// pure ASCII itself): maps in[0..length) and writes it to out if it fits in
// capacity bytes; returns the mapped length in bytes either way.
function textCase(upper, inPtr, length, outPtr, capacity) {
	const text = decoder.decode(u8().subarray(inPtr, inPtr + length));
	const mapped = upper ? text.toUpperCase() : text.toLowerCase();
	const bytes = encoder.encode(mapped);
	if (bytes.length <= capacity) u8().set(bytes, outPtr);
	return bytes.length;
}

const SQLITE_OK = 0;
const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });

function instantiate() {
	const WASI = loadWasi();
	const bytes = fs.readFileSync(WASM_PATH);
	const module = new WebAssembly.Module(bytes);
	const wasi = new WASI({ version: 'preview1', preopens: { '/': '/' }, returnOnExit: true });
	const imports = {
		wasi_snapshot_preview1: wasi.wasiImport,
		orez: {
			process_id: () => process.pid | 0,
			process_alive: (pid) => processAlive(pid),
			text_case: (upper, inPtr, length, outPtr, capacity) => textCase(upper, inPtr, length, outPtr, capacity),
		},
	};
	const instance = new WebAssembly.Instance(module, imports);
	wasi.initialize(instance);
	const exports = instance.exports;
	if (typeof exports.orez_sqlite_init !== 'function') {
		throw new Error(`${WASM_PATH} does not export orez_sqlite_init; it is not orez's SQLite build`);
	}
	const rc = exports.orez_sqlite_init();
	if (rc !== SQLITE_OK) {
		throw new Error(`orez_sqlite_init() failed with SQLite result code ${rc}`);
	}
	return { module, instance, exports, memory: exports.memory };
}

const { exports: sqlite, memory } = instantiate();

// Views over linear memory; refreshed whenever memory has grown (growth
// detaches the old ArrayBuffer).
let heapBuffer = memory.buffer;
let heapU8 = new Uint8Array(heapBuffer);
let heapView = new DataView(heapBuffer);

function refresh() {
	heapBuffer = memory.buffer;
	heapU8 = new Uint8Array(heapBuffer);
	heapView = new DataView(heapBuffer);
}

function u8() {
	if (heapBuffer !== memory.buffer) refresh();
	return heapU8;
}

function view() {
	if (heapBuffer !== memory.buffer) refresh();
	return heapView;
}

function malloc(n) {
	const ptr = sqlite.malloc(n > 0 ? n : 1);
	if (!ptr) throw new Error('Out of memory');
	return ptr;
}

function free(ptr) {
	if (ptr) sqlite.free(ptr);
}

function readI32(ptr) { return view().getInt32(ptr, true); }
function writeI32(ptr, v) { view().setInt32(ptr, v, true); }
function readI64(ptr) { return view().getBigInt64(ptr, true); }
function writeI64(ptr, v) { view().setBigInt64(ptr, BigInt(v), true); }
function readF64(ptr) { return view().getFloat64(ptr, true); }

// Length of the NUL-terminated string at ptr.
function cstrlen(ptr) {
	const heap = u8();
	let end = ptr;
	while (heap[end] !== 0) end++;
	return end - ptr;
}

// Decodes n UTF-8 bytes at ptr; short pure-ASCII strings skip TextDecoder.
function decodeUtf8(ptr, n) {
	const heap = u8();
	if (n <= 32) {
		let s = '';
		for (let i = 0; i < n; i++) {
			const c = heap[ptr + i];
			if (c >= 0x80) return decoder.decode(heap.subarray(ptr, ptr + n));
			s += String.fromCharCode(c);
		}
		return s;
	}
	return decoder.decode(heap.subarray(ptr, ptr + n));
}

// Reads a NUL-terminated UTF-8 string; null for a NULL pointer.
function readCString(ptr) {
	if (!ptr) return null;
	return decodeUtf8(ptr, cstrlen(ptr));
}

// Writes str as UTF-8 into dest (which must hold 3 bytes per UTF-16 unit) and
// returns the byte count. Unpaired surrogates are written the way V8's
// String::Utf8Value writes them (as their 3-byte generalized UTF-8 form, not
// as U+FFFD), so stored bytes match the native addon's.
function encodeInto(str, dest) {
	if (str.isWellFormed()) return encoder.encodeInto(str, dest).written;
	let n = 0;
	for (let i = 0; i < str.length; i++) {
		let c = str.charCodeAt(i);
		if (c >= 0xd800 && c <= 0xdbff && i + 1 < str.length) {
			const d = str.charCodeAt(i + 1);
			if (d >= 0xdc00 && d <= 0xdfff) {
				c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
				i++;
			}
		}
		if (c < 0x80) {
			dest[n++] = c;
		} else if (c < 0x800) {
			dest[n++] = 0xc0 | (c >> 6);
			dest[n++] = 0x80 | (c & 0x3f);
		} else if (c < 0x10000) {
			dest[n++] = 0xe0 | (c >> 12);
			dest[n++] = 0x80 | ((c >> 6) & 0x3f);
			dest[n++] = 0x80 | (c & 0x3f);
		} else {
			dest[n++] = 0xf0 | (c >> 18);
			dest[n++] = 0x80 | ((c >> 12) & 0x3f);
			dest[n++] = 0x80 | ((c >> 6) & 0x3f);
			dest[n++] = 0x80 | (c & 0x3f);
		}
	}
	return n;
}

// Copies a JS string into fresh malloc'd memory as NUL-terminated UTF-8.
// Returns {ptr, length} (length excludes the terminator); caller frees ptr.
function allocCString(str) {
	const max = str.length * 3 + 1;
	const ptr = malloc(max);
	const written = encodeInto(str, u8().subarray(ptr, ptr + max - 1));
	u8()[ptr + written] = 0;
	return { ptr, length: written };
}

// Copies bytes into fresh malloc'd memory; caller frees.
function allocBytes(bytes) {
	const ptr = malloc(bytes.length);
	u8().set(bytes, ptr);
	return ptr;
}

// Copies n bytes at ptr into a new Buffer.
function copyOut(ptr, n) {
	const out = Buffer.allocUnsafe(n);
	if (n > 0) out.set(u8().subarray(ptr, ptr + n));
	return out;
}

module.exports = {
	path: WASM_PATH,
	sqlite,
	memory,
	u8,
	view,
	malloc,
	free,
	readI32,
	writeI32,
	readI64,
	writeI64,
	readF64,
	cstrlen,
	decodeUtf8,
	readCString,
	allocCString,
	encodeInto,
	allocBytes,
	copyOut,
	encoder,
};
