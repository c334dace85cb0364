import AdvisorCore
import ArgumentParser
import Importers
import InputErrors
import Planning
import SettingsYAML

/// Maps every failure to the documented exit codes, in one place.
enum CommandFailure: Error {
    case database(String)

    /// Runs `body`, turning known errors into a message on stderr and their exit code.
    static func mapping<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as InputError {
            printError("bad input: \(error)")
            throw ExitCode(65)
        } catch let error as AdvisorError {
            printError(error.description)
            throw ExitCode(64)
        } catch CommandFailure.database(let message) {
            printError(message)
            throw ExitCode(74)
        } catch let error as ExitCode {
            throw error
        } catch let error as ValidationError {
            throw error  // ArgumentParser reports it as a usage error (64)
        } catch {
            printError("\(error)")
            throw ExitCode(74)
        }
    }
}
