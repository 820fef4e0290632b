package io.github.apscheduler4j.job;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Calls a method with a job's arguments: positional {@code args} fill the first parameters, keyword
 * {@code kwargs} the remaining ones by parameter name (compile with {@code -parameters}); a trailing
 * {@code Map} parameter that no keyword names receives all keyword arguments. JSON-like values are
 * converted to the parameter types (numbers, strings, booleans, enums).
 *
 * <p>A {@link JobContext} parameter, wherever it stands, receives the context of the run ({@link JobContext#current()})
 * and is none of the parameters above: {@code args} and {@code kwargs} fill the others as if it were not there.
 */
public final class MethodJobFunction implements JobFunction {

    private final Supplier<?> instance;
    private final Method method;
    private final String description;

    /**
     * @param instance supplies the object to call the method on; {@code null} for a static method
     */
    public MethodJobFunction(Supplier<?> instance, Method method) {
        this.instance = instance;
        this.method = method;
        this.description = method.getDeclaringClass().getName() + "::" + method.getName();
        if (instance == null && !Modifier.isStatic(method.getModifiers())) {
            throw new InvalidJobTargetException(description + " is not static and no instance was given");
        }
        method.trySetAccessible();
    }

    @Override
    public Object invoke(List<Object> args, Map<String, Object> kwargs) throws Exception {
        Object target = instance == null ? null : instance.get();
        try {
            return method.invoke(target, bind(args, kwargs));
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception exception) {
                throw exception;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    private Object[] bind(List<Object> args, Map<String, Object> kwargs) {
        Parameter[] parameters = method.getParameters();
        // the parameters that args and kwargs fill: all but the JobContext ones
        int[] filled = new int[parameters.length];
        int count = 0;
        for (int i = 0; i < parameters.length; i++) {
            if (parameters[i].getType() != JobContext.class) {
                filled[count++] = i;
            }
        }
        if (args.size() > count) {
            throw new IllegalArgumentException(description + " takes " + count + " parameters"
                    + (count < parameters.length ? " besides its JobContext" : "") + " but the job passes "
                    + args.size() + " positional arguments");
        }
        Object[] values = new Object[parameters.length];
        if (count < parameters.length) {
            JobContext context = JobContext.find().orElseThrow(() -> new IllegalStateException(description
                    + " takes a JobContext, which only a run of the job has: call it through JobContext.callWith"));
            for (int i = 0; i < parameters.length; i++) {
                if (parameters[i].getType() == JobContext.class) {
                    values[i] = context;
                }
            }
        }
        Set<String> unused = new HashSet<>(kwargs.keySet());
        for (int n = 0; n < count; n++) {
            int i = filled[n];
            Parameter parameter = parameters[i];
            if (n < args.size()) {
                values[i] = ValueConversion.convert(args.get(n), parameter.getType(), description, parameter.getName());
            } else if (parameter.isNamePresent() && kwargs.containsKey(parameter.getName())) {
                values[i] = ValueConversion.convert(kwargs.get(parameter.getName()), parameter.getType(), description,
                        parameter.getName());
                unused.remove(parameter.getName());
            } else if (n == count - 1 && Map.class.isAssignableFrom(parameter.getType())) {
                values[i] = kwargs;
                unused.clear();
            } else {
                throw new IllegalArgumentException(description + ": no value for parameter '" + parameter.getName()
                        + "' (" + (parameter.isNamePresent() ? "give it in args or kwargs"
                                : "compile with -parameters to bind kwargs by name") + ")");
            }
        }
        if (!unused.isEmpty()) {
            throw new IllegalArgumentException(description + " has no parameter named " + unused
                    + (count < parameters.length ? " that args or kwargs can fill (its JobContext comes from the run)"
                            : ""));
        }
        return values;
    }

    @Override
    public String toString() {
        return description;
    }
}
