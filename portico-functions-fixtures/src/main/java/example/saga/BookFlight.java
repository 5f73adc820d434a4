package example.saga;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/** {@code example.saga.BookFlight}: fails with {@link FlightUnavailableException} when no seat is left. */
public class BookFlight implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> trip, Context context) {
        throw new FlightUnavailableException("No seats left on " + trip.get("flight"));
    }
}
