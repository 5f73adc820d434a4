/**
 * Request validation from the service models: the constraints AWS's front ends check (required members,
 * lengths, ranges, patterns, enumerations), reported in AWS's words and order
 * ({@code 1 validation error detected: Value 'x' at 'name' failed to satisfy constraint: ...}).
 */
package io.portico.core.validation;
