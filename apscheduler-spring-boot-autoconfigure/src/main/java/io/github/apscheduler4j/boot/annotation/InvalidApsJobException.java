package io.github.apscheduler4j.boot.annotation;

/**
 * An {@code @ApsJob} annotation that cannot be scheduled. The message names the method, then what is wrong:
 * {@code Invalid @ApsJob method 'ReportService.nightly': cron field 'hour': value 25 is outside 0-23}.
 */
public class InvalidApsJobException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    private final String method;
    private final String problem;

    /**
     * @param method the method as {@code SimpleClassName.methodName}
     * @param problem what is wrong, naming the attribute or trigger field at fault
     */
    public InvalidApsJobException(String method, String problem, Throwable cause) {
        super("Invalid @ApsJob method '" + method + "': " + problem, cause);
        this.method = method;
        this.problem = problem;
    }

    /** The method as {@code SimpleClassName.methodName}. */
    public String method() {
        return method;
    }

    /** What is wrong, without the method. */
    public String problem() {
        return problem;
    }
}
