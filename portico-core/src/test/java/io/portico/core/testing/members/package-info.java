/**
 * The member coverage kit for tests: handlers given an input that records which members they read
 * ({@link io.portico.core.testing.members.ReadRecordingNode}, installed on a whole service by
 * {@link io.portico.core.testing.members.MemberReads}), model-valid sample inputs with every member
 * present ({@link io.portico.core.testing.members.InputSamples}), the comparison of what was read with
 * what the model's overlay lists as not honoured ({@link io.portico.core.testing.members.MemberCoverage}),
 * and the docs table generated from that list ({@link io.portico.core.testing.members.NotHonouredTable}).
 * A service module's test drives each served operation through the call bus with the resources it needs
 * and asserts that every input member is honoured (read by the handler) or listed, and that no listed
 * member is read.
 */
package io.portico.core.testing.members;
