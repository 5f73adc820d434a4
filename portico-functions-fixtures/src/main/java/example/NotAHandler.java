package example;

/** {@code example.NotAHandler}: implements no handler interface, so only {@code ::method} handlers fit. */
public class NotAHandler {

    public String hello() {
        return "hello";
    }
}
