package example;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code example.ClassVisibilityHandler}: for each class name, which class loader serves it to the
 * handler: {@code own} (this function's loader), {@code shared} (the loader that gave the handler
 * its Context interface), {@code jdk}, or {@code missing}.
 */
public class ClassVisibilityHandler implements RequestHandler<List<String>, Map<String, String>> {

    @Override
    public Map<String, String> handleRequest(List<String> names, Context context) {
        ClassLoader own = ClassVisibilityHandler.class.getClassLoader();
        ClassLoader shared = Context.class.getClassLoader();
        Map<String, String> result = new LinkedHashMap<>();
        for (String name : names) {
            try {
                ClassLoader loader = Class.forName(name, false, own).getClassLoader();
                result.put(name, loader == own ? "own" : loader == shared ? "shared" : "jdk");
            } catch (ClassNotFoundException e) {
                result.put(name, "missing");
            }
        }
        return result;
    }
}
