extension RunSession {
    /// Everything `qik watch` may run for this selection: the commands, modules and spaces chosen, with tags and
    /// caches applied but not `--since` or `--cache-status` (those shape only the first run).
    public func watchGraph() throws -> RunnableGraph {
        var options = self.options
        options.since = nil
        options.cacheStatus = nil
        let selector = Selector(
            factory: RunnableFactory(config: config, renderer: services.renderer), options: options,
            workingDirectory: workingDirectory)
        return try selector.filter(try selector.graph(), isWarm: { _ in false }, changedPaths: { _ in [] }, compile: services.compile)
    }

    public var files: any FileStateProviding { services.files }
    public var compile: Selector.PathspecCompiler { services.compile }
    public var projectConfig: ProjectConfig { config }
}
