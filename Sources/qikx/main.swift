import Foundation
import QikCore
print("Usage: qikx <command@space command_args>")
exit(1)
