package dev.orez.proxy.wire;

/** Backend messages the proxy answers with itself, encoded ready for the wire. */
public final class BackendMessages {
    private BackendMessages() {}

    public static byte[] authenticationOk() {
        return Frame.of('R', new MessageBody.Builder().int32(0).build()).encode();
    }

    public static byte[] cleartextPasswordRequest() {
        return Frame.of('R', new MessageBody.Builder().int32(3).build()).encode();
    }

    public static byte[] parameterStatus(String name, String value) {
        return Frame.of(
                        'S',
                        new MessageBody.Builder().cString(name).cString(value).build())
                .encode();
    }

    public static byte[] backendKeyData(int processId, int secret) {
        return Frame.of(
                        'K',
                        new MessageBody.Builder().int32(processId).int32(secret).build())
                .encode();
    }

    public static byte[] readyForQuery(char status) {
        return Frame.of('Z', new byte[] {(byte) status}).encode();
    }

    /** An ErrorResponse with the four fields every Postgres error has. */
    public static byte[] error(String severity, String sqlState, String message) {
        return Frame.of(
                        'E',
                        new MessageBody.Builder()
                                .byteValue('S')
                                .cString(severity)
                                .byteValue('V')
                                .cString(severity)
                                .byteValue('C')
                                .cString(sqlState)
                                .byteValue('M')
                                .cString(message)
                                .byteValue(0)
                                .build())
                .encode();
    }
}
