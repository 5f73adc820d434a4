/**
 * JSONPath-mode data processing for the ASL engine: path selection (InputPath, OutputPath, ItemsPath),
 * ResultPath, payload templates (Parameters, ResultSelector, ItemSelector, Assign), single-value
 * expressions ({@code ...Path} fields), the eighteen {@code States.*} intrinsic functions and Choice rule
 * evaluation. Everything here is a pure function over Jackson trees: no I/O, no shared mutable state
 * apart from bounded caches of compiled paths and parsed intrinsic calls.
 *
 * <p>Trees passed in are treated as immutable: results may share subtrees with inputs, so callers must
 * not mutate a node they have handed to or received from this package.
 */
package io.portico.states.asl.jsonpath;
