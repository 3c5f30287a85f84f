# bash completion for daicho: commands, subcommands and options.
# It asks daicho itself (`daicho help COMMAND [SUBCOMMAND]`), so what it offers
# is always what the installed daicho accepts. Installed by `make install` as
# share/bash-completion/completions/daicho.

# The names listed under "Commands:" in a help text (empty when the help
# shows options instead).
_daicho_commands_in() {
    sed -n '/^Commands:$/,/^$/{s/^  \([a-z][a-z0-9_-]*\) .*/\1/p}'
}

# The long and short options a help text lists.
_daicho_options_in() {
    sed -n 's/^  \(-[a-zA-Z], \)\{0,1\}\(--[a-z][a-z0-9-]*\).*/\1\2/p' |
        tr ',' '\n' | tr -d ' '
}

# daicho's help in English, whatever the locale: the parsing above reads its headings.
_daicho_help() {
    LC_ALL=C.UTF-8 LANGUAGE= "$@" 2>/dev/null
}

_daicho() {
    local cur prev daicho words_left=() i
    cur="${COMP_WORDS[COMP_CWORD]}"
    prev="${COMP_WORDS[COMP_CWORD-1]}"
    daicho="${COMP_WORDS[0]}"
    COMPREPLY=()

    # Options whose value is a file or folder.
    case "$prev" in
        --db|-o|--output|--set|--scheme|--file|--method)
            COMPREPLY=($(compgen -f -- "$cur"))
            return 0 ;;
        --actor|--by|--system|--note|--date|--organisation)
            return 0 ;;
    esac

    # The words before the cursor that are neither options nor their values:
    # the command and subcommand. Global options may stand first.
    for ((i = 1; i < COMP_CWORD; i++)); do
        case "${COMP_WORDS[i]}" in
            --db|--actor) ((i++)) ;;
            -*) ;;
            *) words_left+=("${COMP_WORDS[i]}") ;;
        esac
    done

    local help
    case ${#words_left[@]} in
        0)
            if [[ "$cur" == -* ]]; then
                COMPREPLY=($(compgen -W "--db --actor --version --help" -- "$cur"))
            else
                COMPREPLY=($(compgen -W "$(_daicho_help "$daicho" help | _daicho_commands_in) help version" -- "$cur"))
            fi
            return 0 ;;
        1)
            if [[ "${words_left[0]}" == help ]]; then
                COMPREPLY=($(compgen -W "$(_daicho_help "$daicho" help | _daicho_commands_in)" -- "$cur"))
                return 0
            fi
            help="$(_daicho_help "$daicho" help "${words_left[0]}")"
            local subcommands
            subcommands="$(printf '%s\n' "$help" | _daicho_commands_in)"
            if [[ -n "$subcommands" && "$cur" != -* ]]; then
                COMPREPLY=($(compgen -W "$subcommands" -- "$cur"))
                return 0
            fi ;;
        *)
            if [[ "${words_left[0]}" == help ]]; then
                help="$(_daicho_help "$daicho" help "${words_left[1]}")"
                COMPREPLY=($(compgen -W "$(printf '%s\n' "$help" | _daicho_commands_in)" -- "$cur"))
                return 0
            fi
            help="$(_daicho_help "$daicho" help "${words_left[0]}" "${words_left[1]}")" ;;
    esac

    if [[ "$cur" == -* ]]; then
        COMPREPLY=($(compgen -W "$(printf '%s\n' "$help" | _daicho_options_in)" -- "$cur"))
    else
        COMPREPLY=($(compgen -f -- "$cur"))
    fi
    return 0
}
complete -o filenames -F _daicho daicho
