// The shell hooks printed by `craft-time shell-hook` (docs/terminal.md). Each appends beat lines
// (FORMAT-V2.md) from the shell itself: no Node on a prompt, forks only when the folder or the day changes.
// @DATA_DIR@ is replaced by the quoted default data folder when printed.

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

const HOOKS: Record<Shell, string> = {
  bash: `# Craft Time: each terminal command counts as hands-on "building" time for the git repository it runs in.
# Written by \`craft-time shell-hook bash\` (docs/terminal.md). To stop it, remove this block (or the line
# that loads it) from ~/.bashrc. It records the time, the repository's id and folder name: never the
# command, its arguments or any path. Silent in the integrated terminal of VS Code and its forks.
if [ -z "\${__craft_time_hook:-}" ] && [ "\${TERM_PROGRAM:-}" != vscode ] && [ -z "\${VSCODE_IPC_HOOK_CLI:-}\${VSCODE_INJECTION:-}" ] && { [ "\${BASH_VERSINFO[0]:-0}" -ge 5 ] || { [ "\${BASH_VERSINFO[0]:-0}" -eq 4 ] && [ "\${BASH_VERSINFO[1]:-0}" -ge 2 ]; }; }; then
__craft_time_hook=1
__ct_dir=\${CRAFT_TIME_DATA_DIR:-@DATA_DIR@}
__ct_pwd= __ct_ws= __ct_name= __ct_day= __ct_file= __ct_ran= __ct_none=
# Runs only when the folder changes: the repository is the nearest folder above holding .git (found with
# builtins); its id (SHA-256 of its real path) is computed once per repository and shell, then cached.
declare -gA __ct_ids __ct_names
__ct_locate() {
  __ct_pwd=$PWD __ct_ws= __ct_name=
  local d=$PWD real sum
  while [ -n "$d" ] && [ ! -e "$d/.git" ]; do d=\${d%/*}; done
  [ -n "$d" ] || return 0
  if [ -z "\${__ct_ids[$d]:-}" ]; then
    real=$(builtin cd -P -- "$d" 2>/dev/null && builtin pwd -P) || return 0
    if command -v sha256sum >/dev/null 2>&1; then sum=$(printf %s "$real" | sha256sum); else sum=$(printf %s "$real" | shasum -a 256); fi
    __ct_ids[$d]=\${sum:0:12}
    sum=\${real##*/}
    __ct_names[$d]=\${sum//[[:cntrl:]\\"\\\\]/}
  fi
  __ct_ws=\${__ct_ids[$d]} __ct_name=\${__ct_names[$d]}
}
# One heartbeat line, appended with O_APPEND in a single write (no Node, no fork when nothing changed).
__ct_beat() {
  local now
  if [ -n "\${EPOCHSECONDS:-}" ]; then now=$EPOCHSECONDS; else printf -v now '%(%s)T' -1; fi
  [ -e "$__ct_dir/state/paused" ] && return 0
  [ "$PWD" = "$__ct_pwd" ] || __ct_locate
  [ -n "$__ct_ws" ] && [ -e "$__ct_dir/state/excluded/$__ct_ws" ] && return 0
  local day=$((now / 86400))
  if [ "$day" != "$__ct_day" ] || [ ! -e "$__ct_file" ]; then
    # The UTC month of the day (civil-from-days), hence the file: activity/<YYYY-MM>/terminal.jsonl.
    local z=$((day + 719468)) era doe yoe doy mp m y
    era=$((z / 146097)) doe=$((z - era * 146097)) yoe=$(((doe - doe / 1460 + doe / 36524 - doe / 146096) / 365))
    doy=$((doe - (365 * yoe + yoe / 4 - yoe / 100))) mp=$(((5 * doy + 2) / 153))
    m=$((mp < 10 ? mp + 3 : mp - 9)) y=$((yoe + era * 400 + (m <= 2 ? 1 : 0)))
    ((m < 10)) && m=0$m
    __ct_day=$day __ct_file="$__ct_dir/activity/$y-$m/terminal.jsonl"
    [ -e "$__ct_file" ] || (umask 077 && mkdir -p "\${__ct_file%/*}" && : >>"$__ct_file") 2>/dev/null
  fi
  if [ -n "$__ct_name" ]; then
    printf '{"beat":%s,"cat":"b","program":"terminal","ws":"%s","name":"%s"}\\n' "$now" "$__ct_ws" "$__ct_name" >>"$__ct_file"
  else
    printf '{"beat":%s,"cat":"b","program":"terminal","ws":""}\\n' "$now" >>"$__ct_file"
  fi 2>/dev/null
  return 0
}
# Command end: the prompt comes back after a command ran (not after an empty line).
__ct_precmd() {
  local status=$?
  if [ -n "$__ct_ran" ]; then __ct_ran=; __ct_beat; fi
  return $status
}
# Command start: PS0 is shown after a command line is read, before it runs; the arithmetic sets the flag
# in this shell, the command substitution appends the line.
PS0="\${PS0:-}"'\${__ct_none:$((__ct_ran=1)):0}$(__ct_beat)'
PROMPT_COMMAND="__ct_precmd\${PROMPT_COMMAND:+;$PROMPT_COMMAND}"
fi
`,
  zsh: `# Craft Time: each terminal command counts as hands-on "building" time for the git repository it runs in.
# Written by \`craft-time shell-hook zsh\` (docs/terminal.md). To stop it, remove this block (or the line
# that loads it) from ~/.zshrc. It records the time, the repository's id and folder name: never the
# command, its arguments or any path. Silent in the integrated terminal of VS Code and its forks.
if [[ -z "\${__craft_time_hook:-}" && "\${TERM_PROGRAM:-}" != vscode && -z "\${VSCODE_IPC_HOOK_CLI:-}\${VSCODE_INJECTION:-}" ]]; then
typeset -g __craft_time_hook=1
typeset -g __ct_dir=\${CRAFT_TIME_DATA_DIR:-@DATA_DIR@}
typeset -g __ct_pwd= __ct_ws= __ct_name= __ct_day= __ct_file=
zmodload zsh/datetime 2>/dev/null
# Runs only when the folder changes: the repository is the nearest folder above holding .git (found with
# builtins); its id (SHA-256 of its real path) is computed once per repository and shell, then cached.
typeset -gA __ct_ids __ct_names
__ct_locate() {
  __ct_pwd=$PWD __ct_ws= __ct_name=
  local d=$PWD real sum
  while [[ $d != / && ! -e $d/.git ]]; do d=\${d:h}; done
  [[ -e $d/.git ]] || return 0
  if [[ -z \${__ct_ids[$d]:-} ]]; then
    real=\${d:A}
    if (( $+commands[sha256sum] )); then sum=$(printf %s "$real" | sha256sum); else sum=$(printf %s "$real" | shasum -a 256); fi
    __ct_ids[$d]=\${sum[1,12]}
    sum=\${real:t}
    __ct_names[$d]=\${sum//[[:cntrl:]\\"\\\\]/}
  fi
  __ct_ws=\${__ct_ids[$d]} __ct_name=\${__ct_names[$d]}
}
# One heartbeat line, appended with O_APPEND in a single write (no Node, no fork when nothing changed).
__ct_beat() {
  local now=\${EPOCHSECONDS:-$(date +%s)}
  [[ -e $__ct_dir/state/paused ]] && return 0
  [[ $PWD == "$__ct_pwd" ]] || __ct_locate
  [[ -n $__ct_ws && -e $__ct_dir/state/excluded/$__ct_ws ]] && return 0
  local day=$(( now / 86400 ))
  if [[ $day != "$__ct_day" || ! -e $__ct_file ]]; then
    # The UTC month of the day (civil-from-days), hence the file: activity/<YYYY-MM>/terminal.jsonl.
    local z=$(( day + 719468 )) era doe yoe doy mp m y
    (( era = z / 146097, doe = z - era * 146097, yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365 ))
    (( doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153 ))
    (( m = mp < 10 ? mp + 3 : mp - 9, y = yoe + era * 400 + (m <= 2 ? 1 : 0) ))
    (( m < 10 )) && m=0$m
    __ct_day=$day __ct_file="$__ct_dir/activity/$y-$m/terminal.jsonl"
    [[ -e $__ct_file ]] || (umask 077 && mkdir -p "\${__ct_file:h}" && : >>"$__ct_file") 2>/dev/null
  fi
  if [[ -n $__ct_name ]]; then
    printf '{"beat":%s,"cat":"b","program":"terminal","ws":"%s","name":"%s"}\\n' "$now" "$__ct_ws" "$__ct_name" >>"$__ct_file"
  else
    printf '{"beat":%s,"cat":"b","program":"terminal","ws":""}\\n' "$now" >>"$__ct_file"
  fi 2>/dev/null
  return 0
}
typeset -g __ct_ran=
__ct_preexec() { __ct_ran=1; __ct_beat }
__ct_precmd() { [[ -n $__ct_ran ]] && { __ct_ran=; __ct_beat }; return 0 }
autoload -Uz add-zsh-hook
add-zsh-hook preexec __ct_preexec
add-zsh-hook precmd __ct_precmd
fi
`,
  fish: `# Craft Time: each terminal command counts as hands-on "building" time for the git repository it runs in.
# Written by \`craft-time shell-hook fish\` (docs/terminal.md). To stop it, remove this block (or the line
# that loads it) from ~/.config/fish/config.fish. It records the time, the repository's id and folder
# name: never the command, its arguments or any path. Silent in the integrated terminal of VS Code and forks.
if not set -q __craft_time_hook; and test "$TERM_PROGRAM" != vscode; and not set -q VSCODE_IPC_HOOK_CLI; and not set -q VSCODE_INJECTION
    set -g __craft_time_hook 1
    if set -q CRAFT_TIME_DATA_DIR; and test -n "$CRAFT_TIME_DATA_DIR"
        set -g __ct_dir $CRAFT_TIME_DATA_DIR
    else
        set -g __ct_dir @DATA_DIR@
    end
    set -g __ct_pwd ''
    set -g __ct_ws ''
    set -g __ct_name ''
    set -g __ct_day ''
    set -g __ct_file ''
    # Runs only when the folder changes: the repository is the nearest folder above holding .git (found with
    # builtins); its id (SHA-256 of its real path) is computed once per repository and shell, then cached.
    set -g __ct_roots
    set -g __ct_ids
    set -g __ct_names
    function __ct_locate
        set -g __ct_pwd $PWD
        set -g __ct_ws ''
        set -g __ct_name ''
        set -l d $PWD
        while test "$d" != /; and not test -e "$d/.git"
            set d (string replace -r '/[^/]*$' '' -- $d)
            test -n "$d"; or set d /
        end
        test -e "$d/.git"; or return 0
        set -l i (contains -i -- $d $__ct_roots)
        if test -z "$i"
            set -l real (builtin realpath -- $d 2>/dev/null); or return 0
            set -l sum
            if command -q sha256sum
                set sum (printf %s "$real" | sha256sum)
            else
                set sum (printf %s "$real" | shasum -a 256)
            end
            set -a __ct_roots $d
            set -a __ct_ids (string sub -l 12 -- $sum)
            set -a __ct_names (string replace -ra '[[:cntrl:]"\\\\\\\\]' '' -- (string replace -r '.*/' '' -- $real))
            set i (count $__ct_roots)
        end
        set -g __ct_ws $__ct_ids[$i]
        set -g __ct_name $__ct_names[$i]
    end
    # One heartbeat line, appended with O_APPEND in a single write (fish has no clock builtin: one \`date\`).
    function __ct_beat --argument-names now
        test -e "$__ct_dir/state/paused"; and return 0
        test "$PWD" = "$__ct_pwd"; or __ct_locate
        test -n "$__ct_ws"; and test -e "$__ct_dir/state/excluded/$__ct_ws"; and return 0
        set -l day (math --scale=0 "$now / 86400")
        if test "$day" != "$__ct_day"; or not test -e "$__ct_file"
            # The UTC month of the day (civil-from-days), hence the file: activity/<YYYY-MM>/terminal.jsonl.
            set -l z (math "$day + 719468")
            set -l era (math --scale=0 "$z / 146097")
            set -l doe (math "$z - $era * 146097")
            set -l yoe (math --scale=0 "($doe - floor($doe / 1460) + floor($doe / 36524) - floor($doe / 146096)) / 365")
            set -l doy (math "$doe - (365 * $yoe + floor($yoe / 4) - floor($yoe / 100))")
            set -l mp (math --scale=0 "(5 * $doy + 2) / 153")
            set -l m (math "$mp + 3")
            test $mp -ge 10; and set m (math "$mp - 9")
            set -l y (math "$yoe + $era * 400")
            test $m -le 2; and set y (math "$y + 1")
            set -g __ct_day $day
            set -g __ct_file "$__ct_dir/activity/$y-"(string pad -c 0 -w 2 $m)"/terminal.jsonl"
            test -e "$__ct_file"; or fish -c 'umask 077; and mkdir -p (dirname $argv[1]); and touch $argv[1]' "$__ct_file" 2>/dev/null
        end
        if test -n "$__ct_name"
            printf '{"beat":%s,"cat":"b","program":"terminal","ws":"%s","name":"%s"}\\n' $now $__ct_ws $__ct_name >>"$__ct_file" 2>/dev/null
        else
            printf '{"beat":%s,"cat":"b","program":"terminal","ws":""}\\n' $now >>"$__ct_file" 2>/dev/null
        end
        return 0
    end
    # fish has no clock builtin: one \`date\` at the start; the end is the start plus the command's duration.
    set -g __ct_t0 0
    function __ct_preexec --on-event fish_preexec
        set -g __ct_t0 (date +%s)
        __ct_beat $__ct_t0
    end
    function __ct_postexec --on-event fish_postexec
        __ct_beat (math --scale=0 "$__ct_t0 + $CMD_DURATION / 1000")
    end
end
`,
};

/** Quotes a path for the shell (single quotes; the same syntax works in bash, zsh and fish). */
export function shellQuote(value: string, shell: Shell): string {
  if (shell === 'fish') return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** The snippet for `shell`, reading the data folder from CRAFT_TIME_DATA_DIR at run time, else `dataDir`. */
export function shellHook(shell: Shell, dataDir: string): string {
  return HOOKS[shell].replace('@DATA_DIR@', () => shellQuote(dataDir, shell));
}
