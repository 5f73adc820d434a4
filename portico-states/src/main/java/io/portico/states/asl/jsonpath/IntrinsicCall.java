package io.portico.states.asl.jsonpath;

import java.util.List;

/**
 * A parsed intrinsic function call such as {@code States.Format('{} items', $.count)}: the function
 * name and its arguments. Immutable and thread safe; produced by {@link IntrinsicFunctions#parse}.
 *
 * @param name     the full function name, e.g. {@code States.Format}
 * @param args     the arguments in order
 * @param position the offset of the name in the source text
 */
public record IntrinsicCall(String name, List<IntrinsicArg> args, int position) implements IntrinsicArg {

    public IntrinsicCall {
        args = List.copyOf(args);
    }
}
