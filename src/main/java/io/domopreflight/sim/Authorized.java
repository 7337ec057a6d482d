package io.domopreflight.sim;

/** A request whose bearer token passed every check: the client it belongs to and what the token says. */
record Authorized(SimClient client, TokenClaims claims) {
}
