namespace DnsLb.Zones.Parsing;

/// <summary>
/// Where an <c>$INCLUDE</c> may read from: a file inside the zones directory, named relative to it, never
/// outside it. The path is resolved the way the kernel would open it (each symbolic link followed where it
/// occurs, <c>..</c> taken after the link before it), so neither <c>../</c> nor a link pointing away from the
/// directory can reach another file of the machine.
/// </summary>
internal static class IncludePath
{
    // As Linux's ELOOP: more links than this in one path is a loop.
    private const int MaxLinks = 40;

    /// <summary>
    /// Resolves <paramref name="name"/> (as written after <c>$INCLUDE</c>) against <paramref name="root"/>.
    /// <paramref name="shown"/> is the path for messages; <paramref name="real"/> is the file itself, with
    /// every link resolved (what loops are detected by).
    /// </summary>
    public static bool TryResolve(string root, string name, out string shown, out string real, out string? error)
    {
        shown = real = "";
        error = null;
        if (name.Length == 0 || name.Contains('\0'))
        {
            error = "$INCLUDE needs a file name";
            return false;
        }
        if (Path.IsPathRooted(name))
        {
            error = $"$INCLUDE {name}: give the path relative to the zones directory; absolute paths are not allowed";
            return false;
        }
        shown = Path.GetFullPath(Path.Combine(root, name));
        string? realRoot, resolved;
        try
        {
            realRoot = RealPath(Path.GetFullPath(root));
            resolved = realRoot is null ? null : RealPath(Path.Combine(realRoot, name));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error = $"$INCLUDE {name}: {e.Message}";
            return false;
        }
        if (realRoot is null || resolved is null)
        {
            error = $"$INCLUDE {name}: too many symbolic links (a link loop?)";
            return false;
        }
        if (!IsInside(resolved, realRoot))
        {
            error = $"$INCLUDE {name}: the file is outside the zones directory {root}; included files must be inside it";
            return false;
        }
        if (Path.GetDirectoryName(resolved) == realRoot && resolved.EndsWith(ZoneFileParser.ZoneFileExtension, StringComparison.Ordinal))
        {
            error = $"$INCLUDE {name}: every *{ZoneFileParser.ZoneFileExtension} file in the zones directory is a zone of its own; give a file to include another name (such as .inc)";
            return false;
        }
        real = resolved;
        return true;
    }

    /// <summary>The absolute path with every symbolic link resolved, or null past <see cref="MaxLinks"/> links.</summary>
    public static string? RealPath(string absolute)
    {
        // Components still to walk, next one on top; a link's target is pushed in place of the link.
        var pending = new Stack<string>();
        PushComponents(pending, absolute);
        string current = Path.GetPathRoot(absolute) ?? "/";
        int links = 0;
        while (pending.TryPop(out var component))
        {
            if (component is "" or ".")
                continue;
            if (component == "..")
            {
                current = Path.GetDirectoryName(current) ?? current;
                continue;
            }
            var next = Path.Combine(current, component);
            var target = new FileInfo(next).LinkTarget;
            if (target is null)
            {
                current = next;
                continue;
            }
            if (++links > MaxLinks)
                return null;
            // A relative target is relative to the link's folder (current); an absolute one starts over.
            if (Path.IsPathRooted(target))
                current = Path.GetPathRoot(target) ?? current;
            PushComponents(pending, target);
        }
        return current;
    }

    private static void PushComponents(Stack<string> pending, string path)
    {
        var root = Path.GetPathRoot(path) ?? "";
        var parts = path[root.Length..].Split(['/', Path.DirectorySeparatorChar], StringSplitOptions.RemoveEmptyEntries);
        for (int k = parts.Length - 1; k >= 0; k--)
            pending.Push(parts[k]);
    }

    private static bool IsInside(string path, string root)
    {
        var prefix = Path.EndsInDirectorySeparator(root) ? root : root + Path.DirectorySeparatorChar;
        return path.StartsWith(prefix, StringComparison.Ordinal);
    }
}
