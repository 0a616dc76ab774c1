/** What interpolation needs from the environment: process.env, or a plain object in tests. */
export type Env = Readonly<Record<string, string | undefined>>;

export interface Interpolated {
  value: string;
  /** Problems, one per bad reference, e.g. an unset variable with no default. */
  problems: string[];
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Replace `${VAR}` and `${VAR:-default}` with environment values, so secrets (ARI/AMI passwords,
 * operator PINs) live in the environment and not in the YAML file. As in the shell, the default also
 * applies when the variable is set but empty. `$${` writes a literal `${`.
 */
export function interpolate(text: string, env: Env): Interpolated {
  if (!text.includes("${")) return { value: text, problems: [] };
  const problems: string[] = [];
  let out = "";
  let i = 0;
  while (i < text.length) {
    if (text.startsWith("$${", i)) {
      out += "${";
      i += 3;
      continue;
    }
    if (!text.startsWith("${", i)) {
      out += text[i];
      i++;
      continue;
    }
    const end = text.indexOf("}", i + 2);
    if (end === -1) {
      problems.push(`unterminated "\${" (write "$\${" for a literal "\${")`);
      out += text.slice(i);
      break;
    }
    const body = text.slice(i + 2, end);
    const sep = body.indexOf(":-");
    const name = sep === -1 ? body : body.slice(0, sep);
    const fallback = sep === -1 ? undefined : body.slice(sep + 2);
    if (!NAME.test(name)) {
      problems.push(`"\${${body}}" is not a valid variable reference (use \${NAME} or \${NAME:-default})`);
    } else {
      const set = env[name];
      if (set !== undefined && set !== "") out += set;
      else if (fallback !== undefined) out += fallback;
      else {
        problems.push(
          set === undefined
            ? `environment variable ${name} is not set (set it, or write \${${name}:-default})`
            : `environment variable ${name} is empty (set it, or write \${${name}:-default})`,
        );
      }
    }
    i = end + 1;
  }
  return { value: out, problems };
}
