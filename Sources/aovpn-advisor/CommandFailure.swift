import AdvisorCore
import ArgumentParser

/// Maps every failure to the documented exit codes, in one place.
enum CommandFailure: Error {
    case database(String)

    /// Runs `body`, turning known errors into a message on stderr and their exit code.
    static func mapping<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch CommandFailure.database(let message) {
            printError(message)
            throw ExitCode(ExitStatus.ioError)
        } catch let error as ExitCode {
            throw error
        } catch let error as ValidationError {
            throw error  // ArgumentParser reports it as a usage error (64)
        } catch {
            let status = ExitStatus.of(error)
            printError(status.message)
            throw ExitCode(status.code)
        }
    }
}
