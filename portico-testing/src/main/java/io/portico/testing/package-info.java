/**
 * What every Portico module's tests share, so that a green build means every test ran: the
 * {@link io.portico.testing.SkipPolicy} extension (registered through ServiceLoader for every module's
 * tests) fails a skipped test that {@code skipped-tests.md} does not list with its reason;
 * {@link io.portico.testing.Prerequisites} turns a missing tool or data set into a listed skip on a
 * developer's machine and a failure under {@code CI=true}; {@link io.portico.testing.SharedDirectory}
 * finds the shared conformance data beside the repository.
 */
package io.portico.testing;
