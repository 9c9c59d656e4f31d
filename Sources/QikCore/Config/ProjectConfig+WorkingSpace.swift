extension ProjectConfig {
    /// The first space (config order) whose `root` prefixes `directory` (relative to the project root) plus `/`
    /// (§1.9): the space `qik` and `qikx` use when none is named. A plain string prefix, as in 0.2.10.
    public func workingSpace(directory: String) -> String? {
        let cwd = directory.isEmpty ? "" : directory + "/"
        return spaces.first { space in space.root.map { cwd.hasPrefix($0) } ?? false }?.name
    }
}
