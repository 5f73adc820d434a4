package example.saga;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code example.saga.BookHotel}: confirms a hotel for the trip and returns its booking id. */
public class BookHotel implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> trip, Context context) {
        context.getLogger().log("booking hotel for trip " + trip.get("tripId") + "\n");
        Map<String, Object> booking = new LinkedHashMap<>();
        booking.put("hotelBookingId", "H-" + trip.get("tripId"));
        booking.put("status", "CONFIRMED");
        return booking;
    }
}
