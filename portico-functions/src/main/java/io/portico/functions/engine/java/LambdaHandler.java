package io.portico.functions.engine.java;

import com.amazonaws.services.lambda.runtime.Context;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Type;
import java.util.Optional;

/**
 * A loaded handler in one of the two shapes Lambda's Java runtime reduces every handler to: a stream
 * handler that reads the payload and writes the response itself, or a POJO handler whose input and
 * output the runtime (de)serialises. {@code RequestStreamHandler} and stream-typed methods are
 * {@link Streaming}; {@code RequestHandler} and other methods are {@link Pojo}.
 */
sealed interface LambdaHandler {

    /** Calls the handler code; exceptions are the handler's own, unwrapped. */
    @FunctionalInterface
    interface StreamCall {
        void handle(InputStream input, OutputStream output, Context context) throws Throwable;
    }

    /** Calls the handler code with the deserialised input (null when it takes none). */
    @FunctionalInterface
    interface PojoCall {
        Object handle(Object input, Context context) throws Throwable;
    }

    record Streaming(StreamCall call) implements LambdaHandler {
    }

    /**
     * {@code inputType} is empty when the handler takes no input; {@code outputType} is empty when it
     * returns {@code void}/{@code Void}, and Lambda then answers {@code null}.
     */
    record Pojo(PojoCall call, Optional<Type> inputType, Optional<Type> outputType) implements LambdaHandler {
    }
}
