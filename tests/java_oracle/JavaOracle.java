// Reads lines "<pattern hex>\t<probe hex>" (UTF-16 code units, 4 hex digits each) on stdin
// and prints, per line, 1 if java.util.regex.Pattern.matches(pattern, probe) else 0: how
// AWS's (Java) server judges a whole value against a botocore pattern.
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.util.regex.Pattern;

public class JavaOracle {
    static String decode(String hex) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i + 4 <= hex.length(); i += 4) {
            text.append((char) Integer.parseInt(hex.substring(i, i + 4), 16));
        }
        return text.toString();
    }

    public static void main(String[] args) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, "UTF-8"));
        String line;
        while ((line = in.readLine()) != null) {
            String[] parts = line.split("\t", -1);
            boolean matches = Pattern.matches(decode(parts[0]), decode(parts[1]));
            System.out.println(matches ? "1" : "0");
        }
    }
}
