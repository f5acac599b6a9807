package dev.orez.cli.s3;

/**
 * The one byte range of a ranged GET, inclusive at both ends, as S3 reads the {@code Range} header: a single
 * {@code bytes=first-last}, {@code bytes=first-} or {@code bytes=-suffixLength}. Like S3, a header this
 * cannot read (several ranges, another unit, bad syntax) is ignored and the whole object is sent.
 */
record ByteRange(long first, long last) {
    long length() {
        return last - first + 1;
    }

    /**
     * The range of an object of {@code size} bytes that {@code header} asks for, clamped to the object; null
     * for the whole object.
     *
     * @throws S3ErrorException InvalidRange when the range starts at or past the end of the object
     */
    static ByteRange parse(String header, long size) throws S3ErrorException {
        if (header == null || !header.startsWith("bytes=") || header.contains(",")) {
            return null;
        }
        String spec = header.substring("bytes=".length()).trim();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return null;
        }
        String from = spec.substring(0, dash).trim();
        String to = spec.substring(dash + 1).trim();
        try {
            if (from.isEmpty()) {
                long suffix = Long.parseLong(to);
                if (suffix < 0) {
                    return null;
                }
                if (suffix == 0 || size == 0) {
                    throw unsatisfiable(header, size);
                }
                return new ByteRange(Math.max(0, size - suffix), size - 1);
            }
            long first = Long.parseLong(from);
            long last = to.isEmpty() ? Long.MAX_VALUE : Long.parseLong(to);
            if (first < 0 || last < first) {
                return null;
            }
            if (first >= size) {
                throw unsatisfiable(header, size);
            }
            return new ByteRange(first, Math.min(last, size - 1));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static S3ErrorException unsatisfiable(String header, long size) {
        return S3Error.INVALID_RANGE.with(
                "The requested range is not satisfiable (" + header + " of an object of " + size + " bytes)");
    }
}
