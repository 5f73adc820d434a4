/**
 * Time as every Portico service sees it: the injected {@link java.time.Clock}, {@link io.portico.core.time.Timers}
 * that run actions and wake waiting threads when that clock reaches an instant, and the
 * {@link io.portico.core.time.ManualClock} tests advance instead of sleeping.
 */
package io.portico.core.time;
