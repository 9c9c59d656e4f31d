/// How the factory learns about uv: the plugin settings and the venv of a space.
extension RunnableFactory {
    /// nil when `qik.uv` is not configured.
    func uvSettings() throws -> UVPluginSettings? {
        try UVPluginSettings(project: config) { try renderer.render($0, module: nil, command: "") }
    }

    /// The uv venv runnables of `space` run in and hash; nil for the active venv.
    func uvVenv(space: String) throws -> UVVenv? {
        guard let owner = try config.uvVenvName(space: space), let settings = try uvSettings(),
              let (_, venv) = try config.resolveVenvOwner(space: owner)
        else { return nil }
        let constraint = try config.resolveUVConstraint(space: owner)
        switch venv {
        case .reqs(let reqs):
            return UVVenv(name: owner, reqs: reqs, lock: nil, python: nil, constraint: nil, resolvedConstraint: constraint,
                          settings: settings)
        case .uv(let reqs, let lock, let python, let own):
            return UVVenv(name: owner, reqs: reqs, lock: lock, python: python, constraint: own, resolvedConstraint: constraint,
                          settings: settings)
        case .active, .space:
            return nil
        }
    }
}
