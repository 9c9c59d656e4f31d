import QikPython
import Testing

@Suite struct ModuleResolverTests {
    let resolver = ModuleResolver(modules: ["a", "a.b", "a.b.c", "a.sub", "a.sub.leaf", "d"])

    func target(_ source: String, from importer: String = "a.sub.leaf", package: Bool = false) -> [String] {
        ImportScanner().scan(source).imports.flatMap {
            resolver.resolve($0, importer: importer, importerIsPackage: package).map { ($0.isExternal ? "ext:" : "") + $0.module }
        }
    }

    @Test func absolute() {
        #expect(target("import a.b.c") == ["a.b.c"])
        #expect(target("import a.b.missing") == ["a.b"])  // one level up only
        #expect(target("import a.missing.deep") == ["ext:a"])  // grimp: external rule, lands on the package
        #expect(target("import requests.adapters") == ["ext:requests"])
        #expect(target("import os.path") == ["ext:os"])
    }

    @Test func fromImportsPreferTheSubmodule() {
        #expect(target("from a import b, notamodule") == ["a.b", "a"])
        #expect(target("from a.b import *") == ["a.b"])
    }

    @Test func relativeFromModuleAndPackage() {
        #expect(target("from . import x") == ["a.sub"])
        #expect(target("from .. import b") == ["a.b"])
        #expect(target("from ..b import c") == ["a.b.c"])
        #expect(target("from . import leaf", from: "a.sub", package: true) == ["a.sub.leaf"])
        #expect(target("from .. import b", from: "a.sub", package: true) == ["a.b"])
        #expect(target("from .... import x") == [])  // climbs above the top level: dropped
    }

    @Test func absoluteNames() {
        #expect(ModuleResolver.absoluteName("..x.y", importer: "a.b.c", importerIsPackage: false) == "a.x.y")
        #expect(ModuleResolver.absoluteName("..x", importer: "a.b", importerIsPackage: true) == "a.x")
        #expect(ModuleResolver.absoluteName("x", importer: "a.b", importerIsPackage: true) == "x")
    }

    @Test func moduleIndexFollowsGrimpFinder() {
        let index = ModuleIndex(files: [
            "a/__init__.py", "a/b.py", "a/.hidden.py", "a/x.y.py", "a/notes.txt", "a/orphan/o.py", "a/sub/__init__.py",
            "a/sub/deep/__init__.py", "a/sub/deep/z.py", "a/my-dir/__init__.py", "a/my-dir/q.py", "cc.py", "nopkg/m.py",
        ])
        #expect(index.topLevelPackages == ["a"])
        #expect(index.moduleFiles.map(\.module) == ["a", "a.b", "a.sub", "a.sub.deep", "a.sub.deep.z"])
        #expect(index.moduleFiles.map(\.isPackage) == [true, false, true, true, false])
    }

    @Test func standardLibraryCoversSeveralVersions() {
        for name in ["os", "typing", "distutils", "imp", "asynchat", "telnetlib", "tomllib", "annotationlib", "compression", "sys"] {
            #expect(StandardLibrary.contains(topLevel: name), "\(name)")
        }
        #expect(!StandardLibrary.contains(topLevel: "requests"))
        #expect(StandardLibrary.containsModule("os.path"))
    }
}
