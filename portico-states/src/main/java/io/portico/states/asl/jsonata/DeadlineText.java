package io.portico.states.asl.jsonata;

import io.portico.states.asl.EvaluationBudget;

/**
 * A string a regular expression reads through, checking its evaluation's deadline every
 * {@value #CHECK_EVERY} characters read: {@code java.util.regex} reads its input only through
 * {@link CharSequence#charAt}, so one catastrophically backtracking match ({@code ((a+)\2?)+$} on a
 * long run of {@code a}s: Java memoizes simpler cases, not back-references) fails with the evaluation's
 * time bound instead of spinning on. Reads between checks are a counter decrement, which keeps a linear
 * match near the speed of a plain string.
 *
 * <p>Not thread safe, as a {@link java.util.regex.Matcher} is not.
 */
final class DeadlineText implements CharSequence {
    static final int CHECK_EVERY = 4096;

    private final String text;
    private final EvaluationBudget budget;
    private int untilCheck = CHECK_EVERY;

    DeadlineText(String text, EvaluationBudget budget) {
        this.text = text;
        this.budget = budget;
    }

    @Override
    public char charAt(int index) {
        if (--untilCheck == 0) {
            untilCheck = CHECK_EVERY;
            budget.checkTime();
        }
        return text.charAt(index);
    }

    @Override
    public int length() {
        return text.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return text.subSequence(start, end);
    }

    @Override
    public String toString() {
        return text;
    }
}
