import Foundation
import QikTestSupport

/// Repositories for the uv scenarios: a one-space uv project (scenarios 36 and 39) and a recreation of the 0.2.6
/// `test_project` (§14.1, scenario 24).
enum UVFixtures {
    /// Scenario 36/39: `default = "reqs.in"` (one small pure-Python package), `show` prints the venv prefix,
    /// `other` hashes the venv's version of that package.
    static let space: [String: String] = [
        "qik.toml": """
            [plugins]
            uv = "qik.uv"

            [spaces]
            default = "reqs.in"

            [commands.show]
            exec = "python -c 'import sys; print(sys.prefix)'"
            deps = ["a.py"]

            [commands.other]
            exec = "echo other"
            deps = ["b.py", {type = "pydist", name = "six"}]
            """,
        "reqs.in": "six\n", "a.py": "print('a')\n", "b.py": "print('b')\n",
    ]

    /// The uv runnables with every option that changes their spec: constraint, index URL, dotenv, a linked venv.
    static let options: [String: String] = [
        "qik.toml": """
            [plugins.uv]
            pyimport = "qik.uv"
            constraint = "constraint.in"
            index-url = "https://pypi.org/simple"

            [spaces.default]
            venv = "reqs.in"
            dotenv = "my.env"

            [spaces.linked]
            venv = {type = "space", name = "default"}

            [spaces.own]
            venv = {type = "uv", reqs = ["own.in"], lock = "locks/own.txt", constraint = ""}

            [commands.show]
            exec = "python -c 'import six; print(six.__version__)'"
            deps = ["a.py", {type = "pydist", name = "six"}]

            [commands.env]
            exec = "echo $GREETING"
            deps = ["a.py"]
            space = "linked"

            [commands.mine]
            exec = "echo mine"
            deps = ["a.py"]
            space = "own"
            """,
        "reqs.in": "six\n", "own.in": "six\n", "constraint.in": "six<2\n", "my.env": "GREETING=hi\n",
        "a.py": "print('a')\n",
    ]

    /// pygraph in a uv space: the lock's external distributions, its embedded hash and the check's allowed
    /// modules come from the space's venv.
    static let pygraph: [String: String] = [
        "qik.toml": """
            [plugins]
            uv = "qik.uv"
            pygraph = "qik.pygraph"

            [spaces.default]
            venv = "reqs.in"
            modules = ["a"]
            fence = true

            [commands.tc]
            exec = "echo {module.name}"
            deps = [{type = "pygraph", pyimport = "{module.pyimport}"}]
            cache = "repo"
            """,
        "a/__init__.py": "import six\n", "reqs.in": "six\n",
    ]

    static func repo(_ files: [String: String]) throws -> GitFixture {
        let repo = try GitFixture()
        for (path, content) in files { try repo.write(path, content) }
        _ = try repo.commitAll("fixture")
        return repo
    }

    /// The AWS ctx variables the test project requires (its `remote` cache uses them).
    static let awsEnvironment = ["AWS_ACCESS_KEY_ID": "fake", "AWS_SECRET_ACCESS_KEY": "fake"]

    /// §14.1: packages a, a/aa, b (with its module qik.toml), nest/c, other, cc.py; spaces default, other, ruff.
    static let testProject: [String: String] = [
        "qik.toml": """
            ctx = ["aws_access_key_id", "aws_secret_access_key", {name = "aws_endpoint_url", required = false}]

            [base]
            deps = ["python_version"]

            [plugins]
            pygraph = "qik.pygraph"
            s3 = "qik.s3"

            [plugins.uv]
            pyimport = "qik.uv"
            python = "3.12"
            constraint = "constraint.in"

            [caches.remote]
            type = "s3"
            bucket = "qik-cache-test"
            aws-access-key-id = "{ctx.aws_access_key_id}"
            aws-secret-access-key = "{ctx.aws_secret_access_key}"
            region-name = "us-west-2"
            endpoint-url = "{ctx.aws_endpoint_url}"

            [commands]
            fail = "exit 1"

            [commands.dep_fail]
            exec = 'echo "hi"; exit 1'
            deps = [{type = "command", name = "fail"}, {type = "const", val = "hi"}]

            [commands.ind_lint]
            exec = "ruff check b"
            deps = [{type = "command", name = "modular_lint"}, {type = "pygraph", pyimport = "b"}, {type = "pygraph", pyimport = "nest.c"}]
            cache = "repo"
            space = "other"

            [commands.lint]
            exec = "ruff check --fix && ruff format"
            deps = ["**.py"]
            cache = "remote"

            [commands.lock]
            exec = "pip-compile > requirements.txt"
            deps = ["requirements.in", {type = "pydist", name = "pip-tools"}]
            artifacts = ["requirements.txt"]
            cache = "remote"
            cache-when = "finished"

            [commands.modular_format]
            exec = "ruff format {module.dir}"
            deps = ["{module.dir}/**.py", {type = "command", name = "modular_lint"}]
            cache = "repo"
            tags = ["linting"]

            [commands.modular_lint]
            exec = "ruff check {module.dir}"
            deps = [{type = "pygraph", pyimport = "{module.pyimport}"}]
            cache = "repo"
            tags = ["linting"]

            [commands.pghistory_version]
            exec = "pip freeze | grep django-pgtrigger && python --version"
            cache = "local"
            space = "other"

            [commands.print-dotenv]
            exec = "echo $HELLO $HI"
            space = "other"

            [commands.ruff-version]
            exec = "ruff --version"
            space = "ruff"

            [spaces]
            ruff = "ruff.in"

            [spaces.default]
            venv = "requirements.in"
            modules = ["a", {name = "b_module", path = "b"}]
            fence = ["other"]

            [spaces.other]
            root = "a/"
            venv = "req2.in"
            modules = ["nest/c"]
            fence = ["b", "a", "nest", {type = "space", name = "default"}]
            dotenv = ["other.env", "override.env"]
            """,
        "a/__init__.py": "", "a/aa/__init__.py": "",
        "a/hello.py": "from typing import TYPE_CHECKING\n\nimport requests\n\nif TYPE_CHECKING:\n    import msgspec\n",
        "b/__init__.py": "", "b/hello.py": "import a.hello\n", "b/bb/__init__.py": "",
        "b/bb/aa.py": "from typing import TYPE_CHECKING\n\nif TYPE_CHECKING:\n    pass\n",
        "b/qik.toml": "[commands.modular_command]\nexec = \"echo 'hello world'\"\ndeps = [\"**.py\"]\ncache = \"repo\"\n",
        "nest/__init__.py": "", "nest/c/__init__.py": "", "nest/c/hi.py": "import bs4\n", "other/__init__.py": "",
        "cc.py": "", "requirements.in": "requests\n", "req2.in": "django-pgtrigger\n", "ruff.in": "ruff\n",
        "constraint.in": "requests<3\n", "other.env": "HELLO=\"world\"\n", "override.env": "HI=\"mother!\"\n",
        "python_version": "3.12\n",
    ]

    /// §14.1's verified full listing.
    static let testProjectListing = [
        "b_module/modular_command@default", "dep_fail@default", "fail@default", "ind_lint@other", "lint@default",
        "lock@default", "modular_format@default#a", "modular_format@default#b_module", "modular_format@other#nest/c",
        "modular_lint@default#a", "modular_lint@default#b_module", "modular_lint@other#nest/c", "pghistory_version@other",
        "print-dotenv@other", "pygraph.build@default", "pygraph.check@default", "pygraph.check@other",
        "pygraph.lock@default?pyimport=a", "pygraph.lock@default?pyimport=b", "pygraph.lock@other?pyimport=b",
        "pygraph.lock@other?pyimport=nest.c", "ruff-version@ruff", "uv.install@default", "uv.install@other",
        "uv.install@ruff", "uv.lock@default", "uv.lock@other", "uv.lock@ruff",
    ]
}
