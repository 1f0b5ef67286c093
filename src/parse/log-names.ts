/**
 * The pod and container a log names by itself, when no path or command line does. Tools that
 * relay a container's output mark it:
 * ```
 * [pod/web-7d9f8-x2x9z/app] listening on :8080                 kubectl logs --prefix
 * [web-7d9f8-x2x9z app] listening on :8080                     skaffold (after `> ` and blanks)
 * Stream closed EOF for shop/web-7d9f8-x2x9z (app)             k9s, at the end of the stream
 * root@web-7d9f8-x2x9z:/app# ./server                          a shell in the pod (kubectl exec)
 * ```
 */

export interface LogNames {
  namespace?: string;
  pod?: string;
  container?: string;
}

const NAME = '[a-z0-9][-a-z0-9.]*';
const KUBECTL_PREFIX = new RegExp(`^\\[pod/(${NAME})/(${NAME})\\] `);
const SKAFFOLD_PREFIX = new RegExp(`^[\\s>]*\\[(${NAME}) (${NAME})\\] `);
const STREAM_CLOSED = new RegExp(`^Stream closed EOF for (${NAME})/(${NAME}) \\((${NAME})\\)\\s*$`);
/** A prompt whose host is a generated pod name: `<owner>-<hash>-<5 chars>` or `<owner>-<5 chars>`. */
const POD_PROMPT = /^[\w.-]+@([a-z0-9][-a-z0-9]*-[bcdfghjklmnpqrstvwxz2456789]{5}):[^\s#$]*[#$] \S/;

/**
 * Names from the first lines of a log (the lines that carry a relay prefix all carry the same one,
 * or the first line is a shell prompt in the pod) and from its last line (a viewer's end-of-stream notice).
 */
export function namesFromLog(head: string[], last: string | undefined): LogNames {
  const closed = last !== undefined ? STREAM_CLOSED.exec(last.trim()) : null;
  if (closed) return { namespace: closed[1]!, pod: closed[2]!, container: closed[3]! };
  const lines = head.filter((l) => l.trim() !== '');
  for (const prefix of [KUBECTL_PREFIX, SKAFFOLD_PREFIX]) {
    // The tool's own status lines may come first; the relayed lines must all be one container's.
    const found = lines.map((l) => prefix.exec(l)).filter((m) => m !== null);
    const first = found[0];
    if (first && found.length >= Math.min(2, lines.length) && found.every((m) => m[1] === first[1] && m[2] === first[2])) return { pod: first[1]!, container: first[2]! };
  }
  const prompt = lines[0] !== undefined ? POD_PROMPT.exec(lines[0]) : null;
  if (prompt) return { pod: prompt[1]! };
  return {};
}
