package example.saga;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/** {@code example.saga.CancelHotel}: the compensation; cancels the booking it is given. */
public class CancelHotel implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
        return Map.of("cancelled", String.valueOf(input.get("hotelBookingId")), "status", "CANCELLED");
    }
}
