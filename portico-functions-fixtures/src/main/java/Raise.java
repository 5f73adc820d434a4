/**
 * The conformance corpus' {@code raise} functions as POJO handlers: {@code Raise::exception} fails with
 * errorType {@code Exception} and message {@code Some exception was raised.}; {@code Raise::custom}
 * with errorType {@code CustomException} and an empty message.
 */
public class Raise {

    public Object exception(Object event) {
        throw new Exception("Some exception was raised.");
    }

    public Object custom(Object event) {
        throw new CustomException("");
    }
}
