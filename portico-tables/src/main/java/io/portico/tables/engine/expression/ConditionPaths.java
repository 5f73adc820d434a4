package io.portico.tables.engine.expression;

import java.util.ArrayList;
import java.util.List;

/** The document paths a condition reads, in the order written (for rules on which attributes it may name). */
public final class ConditionPaths {
    private ConditionPaths() {
    }

    public static List<Path> of(Condition condition) {
        List<Path> paths = new ArrayList<>();
        collect(condition, paths);
        return paths;
    }

    private static void collect(Condition condition, List<Path> paths) {
        switch (condition) {
            case Condition.Compare c -> {
                operand(c.left(), paths);
                operand(c.right(), paths);
            }
            case Condition.Between b -> {
                operand(b.operand(), paths);
                operand(b.lower(), paths);
                operand(b.upper(), paths);
            }
            case Condition.In in -> {
                operand(in.operand(), paths);
                in.candidates().forEach(c -> operand(c, paths));
            }
            case Condition.And and -> {
                collect(and.left(), paths);
                collect(and.right(), paths);
            }
            case Condition.Or or -> {
                collect(or.left(), paths);
                collect(or.right(), paths);
            }
            case Condition.Not not -> collect(not.condition(), paths);
            case Condition.AttributeExists e -> paths.add(e.path());
            case Condition.AttributeNotExists e -> paths.add(e.path());
            case Condition.AttributeType t -> paths.add(t.path());
            case Condition.BeginsWith b -> {
                operand(b.operand(), paths);
                operand(b.prefix(), paths);
            }
            case Condition.Contains c -> {
                operand(c.operand(), paths);
                operand(c.part(), paths);
            }
        }
    }

    private static void operand(Operand operand, List<Path> paths) {
        switch (operand) {
            case Operand.PathOf p -> paths.add(p.path());
            case Operand.Literal ignored -> {
            }
            case Operand.Size s -> operand(s.operand(), paths);
            case Operand.Plus p -> {
                operand(p.left(), paths);
                operand(p.right(), paths);
            }
            case Operand.Minus m -> {
                operand(m.left(), paths);
                operand(m.right(), paths);
            }
            case Operand.IfNotExists i -> {
                paths.add(i.path());
                operand(i.fallback(), paths);
            }
            case Operand.ListAppend l -> {
                operand(l.first(), paths);
                operand(l.second(), paths);
            }
        }
    }
}
