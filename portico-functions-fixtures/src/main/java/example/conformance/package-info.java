/**
 * The functions the Step Functions conformance corpus calls (see {@code conformance/asl/README.md},
 * section Functions), written in Java: {@code echo}, {@code hello} (constant), {@code bytes_str}
 * (constant payload), {@code decorated} (python_fstring), {@code large_output}. The two {@code raise}
 * functions are {@code Raise::exception} and {@code Raise::custom} in the default package, because
 * Lambda reports a Java exception's errorType as its class name and the corpus expects the bare
 * names {@code Exception} and {@code CustomException}.
 */
package example.conformance;
