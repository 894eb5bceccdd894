package director.tb.cli;

import director.harness.BuildException;
import director.tb.io.InputError;
import director.tb.sim.SimException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.UnmatchedArgumentException;

import java.io.IOException;
import java.util.List;

/**
 * Turns errors into one line on stderr and exit code 2 (bad input). A usage error (unknown option or command, a value
 * that does not convert, a rule between options) prints {@code director: <what> (see: director <cmd> --help)}; bad
 * input found while setting a run up (a parameter outside its range, a bad trace or table, a model that does not
 * build) prints {@code director: <message>}. Anything else is a defect: {@code director: defect: <exception>} and its stack trace (exit 3).
 */
final class ErrorHandler implements IParameterExceptionHandler, IExecutionExceptionHandler {

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        cl.getErr().println("director: " + message(ex) + " (see: " + cl.getCommandSpec().qualifiedName() + " --help)");
        cl.getErr().flush();
        return Main.EXIT_BAD_INPUT;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, ParseResult parsed) throws Exception {
        String message;
        if (ex instanceof IllegalArgumentException || ex instanceof InputError || ex instanceof SimException || ex instanceof BuildException)
            message = ex.getMessage();
        else if (ex instanceof IOException) message = ex.toString();
        else {
            // a defect: its whole stack trace, and an exit code of its own (a regression counts it as an ERROR, not a FAIL)
            cl.getErr().println("director: defect: " + ex);
            ex.printStackTrace(cl.getErr());
            cl.getErr().flush();
            return Main.EXIT_DEFECT;
        }
        cl.getErr().println("director: " + message);
        cl.getErr().flush();
        return Main.EXIT_BAD_INPUT;
    }

    /** The one-line text of a usage error, naming the option or argument and the value. */
    static String message(ParameterException ex) {
        if (ex instanceof UnmatchedArgumentException u) return unmatched(u);
        if (ex.getCause() instanceof TypeConversionException t && ex.getArgSpec() instanceof OptionSpec o)
            return o.longestName() + ": " + t.getMessage();
        return firstLine(ex.getMessage());
    }

    private static String unmatched(UnmatchedArgumentException u) {
        CommandLine cl = u.getCommandLine();
        List<String> words = u.getUnmatched();
        String first = words.isEmpty() ? "" : words.get(0);
        String hint = u.getSuggestions().isEmpty() ? "" : "; did you mean " + String.join(" or ", u.getSuggestions()) + "?";
        if (first.startsWith("-")) {
            int eq = first.indexOf('=');
            String name = eq > 0 ? first.substring(0, eq) : first;
            boolean top = cl.getCommandSpec().parent() == null;
            return "unknown option " + name + (top ? "" : " for '" + cl.getCommandName() + "'") + hint;
        }
        if (!cl.getSubcommands().isEmpty())
            return "unknown command '" + first + "' (" + String.join(", ", cl.getSubcommands().entrySet().stream()
                    .filter(e -> !e.getValue().getCommandSpec().usageMessage().hidden()).map(java.util.Map.Entry::getKey).toList())
                    + ")" + hint;
        return "unexpected argument '" + first + "' (options start with --)";
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).strip();
    }
}
