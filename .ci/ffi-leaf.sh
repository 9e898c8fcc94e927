#!/usr/bin/env bash
# Keeps crates/jsloop-quickjs/src/ffi/ a leaf: its files may use the standard
# library, dependencies and each other, never the rest of the crate. Fails
# (exit 1), printing file:line and the offending path, on
#   - a `crate::` path whose first segment is not `ffi`, including each item of
#     `use crate::{...}` groups, nested and spread over several lines;
#   - a `super::` chain that climbs out of ffi/ (`super::super` from ffi/x.rs,
#     any `super::` in ffi/mod.rs).
# Comments, string and character literals are blanked first, so prose that
# mentions `crate::host` is not a violation. Inline `mod x { }` blocks inside
# ffi/ files are not tracked (their `super::` is counted from the file).
set -euo pipefail
cd "$(dirname "$0")/.."
dir=crates/jsloop-quickjs/src/ffi
[ -d "$dir" ] || { echo "ffi-leaf: $dir not found" >&2; exit 1; }

find "$dir" -name '*.rs' -print0 | sort -z | xargs -0 perl -e '
use strict;
use warnings;
my $bad = 0;
my $root = shift @ARGV;
for my $file (@ARGV) {
    open(my $fh, "<", $file) or die "$file: $!";
    local $/;
    my $src = <$fh>;
    close $fh;
    my $code = blank($src);
    # Depth of the module below ffi: ffi/mod.rs 0, ffi/a.rs 1, ffi/a/mod.rs 1, ffi/a/b.rs 2.
    (my $rel = $file) =~ s{^\Q$root\E/}{};
    my @parts = split m{/}, $rel;
    my $depth = scalar(@parts) - ($parts[-1] eq "mod.rs" ? 1 : 0);
    # crate:: paths, groups expanded.
    while ($code =~ /(?<![\w\$])crate\s*::\s*/g) {
        my $pos = pos($code);
        for my $item (expand($code, $pos)) {
            my ($first, $where) = @$item;
            next if $first eq "ffi";
            report($file, $src, $where, "crate::$first");
        }
        pos($code) = $pos;
    }
    # super:: chains climbing above ffi/.
    while ($code =~ /(?<![\w\$])((?:super\s*::\s*)+)/g) {
        my ($chain, $at) = ($1, $-[0]);
        my $n = () = $chain =~ /super/g;
        report($file, $src, $at, $chain) if $n > $depth;
    }
}
sub report {
    my ($file, $src, $offset, $what) = @_;
    my $line = 1 + (() = substr($src, 0, $offset) =~ /\n/g);
    my $text = (split /\n/, $src, -1)[$line - 1];
    $what =~ s/\s+//g;
    $text =~ s/^\s+//;
    print "$file:$line: $what  ($text)\n";
    $bad = 1;
}
# First segment of each path reached from offset $pos (just after `crate::`):
# an identifier, or a `{...}` group whose items are expanded recursively
# (items inside a group start fresh: `crate::{a::{b, c}, d}` yields a and d).
sub expand {
    my ($code, $pos) = @_;
    my $rest = substr($code, $pos);
    if ($rest =~ /^(\w+)/) {
        return ([$1, $pos]);
    }
    return () unless $rest =~ /^\{/;
    my @out;
    my $level = 0;
    my $item_start = $pos + 1;
    for (my $i = $pos; $i < length $code; $i++) {
        my $c = substr($code, $i, 1);
        if ($c eq "{") {
            $level++;
        } elsif ($c eq "}" || ($c eq "," && $level == 1)) {
            if ($level == 1) {
                my $item = substr($code, $item_start, $i - $item_start);
                if ($item =~ /^(\s*)(\w+|\*)/) {
                    push @out, [$2, $item_start + length $1];
                }
                $item_start = $i + 1;
            }
            $level-- if $c eq "}";
            last if $level == 0;
        }
    }
    return @out;
}
# The source with comments, strings and chars replaced by spaces (newlines kept).
sub blank {
    my ($s) = @_;
    my $out = "";
    pos($s) = 0;
    while (pos($s) < length $s) {
        my $start = pos($s);
        my $keep = 0;
        if ($s =~ m{\G/\*}gc) {
            my $lvl = 1;
            while ($lvl > 0 && pos($s) < length $s) {
                if ($s =~ m{\G/\*}gc) { $lvl++ }
                elsif ($s =~ m{\G\*/}gc) { $lvl-- }
                else { $s =~ m{\G(?s:.)}gc }
            }
        } elsif ($s =~ m{\G//[^\n]*}gc
            or $s =~ m{\Gb?r(\#*)".*?"\1}sgc
            or $s =~ m{\Gb?"(?:[^"\\]|\\.)*"}sgc
            or $s =~ m{\Gb?\x27(?:[^\x27\\]|\\.|\\u\{[0-9a-fA-F]+\})\x27}gc) {
        } else {
            $s =~ m{\G(?:\w+|(?s:.))}gc;
            $keep = 1;
        }
        my $text = substr($s, $start, pos($s) - $start);
        $text =~ s/[^\n]/ /g unless $keep;
        $out .= $text;
    }
    return $out;
}
exit $bad;
' "$dir" && status=0 || status=$?

if [ "$status" != 0 ]; then
    echo "ffi-leaf: $dir must import nothing from the crate outside ffi/ (lines above)" >&2
    exit 1
fi
echo "ffi-leaf: $dir imports nothing from the crate outside ffi/"
