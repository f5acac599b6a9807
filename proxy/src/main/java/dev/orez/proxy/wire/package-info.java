/**
 * Postgres wire-protocol framing: frontend messages are cut once by {@link FrontendDecoder} and only those
 * the proxy inspects are decoded further; backend output is cut back into messages by {@link BackendStream};
 * the backend messages the proxy produces itself are built by {@link BackendMessages}.
 */
package dev.orez.proxy.wire;
