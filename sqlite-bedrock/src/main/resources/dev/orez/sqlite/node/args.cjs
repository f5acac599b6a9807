'use strict';
// Checks of JS arguments and options, with the native addon's error messages.

const IS_INT32 = (v) => typeof v === 'number' && (v | 0) === v && !Object.is(v, -0);

function getBooleanOption(options, key) {
	let value = false;
	if (key in options && typeof (value = options[key]) !== 'boolean') {
		throw new TypeError(`Expected the "${key}" option to be a boolean`);
	}
	return value;
}

function requireBooleanArg(args, ordinal) {
	if (typeof args[0] !== 'boolean') throw new TypeError(`Expected ${ordinal} argument to be a boolean`);
	return args[0];
}

function isPlainObject(obj) {
	const proto = Object.getPrototypeOf(obj);
	if (proto === null || proto === Object.prototype) return true;
	// Plain objects from another realm (vm contexts).
	return Object.getPrototypeOf(proto) === null
		&& typeof proto.constructor === 'function' && proto.constructor.name === 'Object';
}

module.exports = {
	IS_INT32,
	getBooleanOption,
	requireBooleanArg,
	isPlainObject,
};
