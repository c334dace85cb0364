/// Finds the valid name closest to a misspelt one (Levenshtein distance, case-insensitive), for
/// messages such as "unknown value 'GSMAES128' (did you mean 'GCMAES128'?)".
public enum NearestName {
    /// The candidate nearest to `name`, or nil when none is within `maxDistance` edits
    /// (default: a third of the name's length, at least 2).
    public static func nearest(to name: String, in candidates: [String], maxDistance: Int? = nil) -> String? {
        let limit = maxDistance ?? max(2, name.count / 3)
        var best: (name: String, distance: Int, prefix: Int)?
        let lowered = name.lowercased()
        for candidate in candidates {
            let distance = editDistance(Array(lowered), Array(candidate.lowercased()))
            // On a tie, the candidate sharing the longer prefix wins (`neq` → `ne`, not `eq`).
            let prefix = zip(lowered, candidate.lowercased()).prefix { $0 == $1 }.count
            guard distance <= limit else { continue }
            if best == nil || distance < best!.distance || (distance == best!.distance && prefix > best!.prefix) {
                best = (candidate, distance, prefix)
            }
        }
        return best?.name
    }

    /// Levenshtein distance between two character arrays.
    public static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
