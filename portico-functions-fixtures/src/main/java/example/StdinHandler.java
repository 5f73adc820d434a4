package example;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.io.IOException;
import java.io.UncheckedIOException;

/** {@code example.StdinHandler}: reads {@code System.in} to its end and returns how many bytes it got. */
public class StdinHandler implements RequestHandler<Object, Integer> {

    @Override
    public Integer handleRequest(Object input, Context context) {
        try {
            return System.in.readAllBytes().length;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
