import InputErrors

// libFuzzer harness for every importer. Built only by Scripts/fuzz.sh
// (-sanitize=fuzzer,address -DFUZZING -parse-as-library); a plain build gets this stub.
// The importer under test is chosen with AOVPN_FUZZ_FORMAT: a format of ImporterRegistry.standard,
// or zip (a whole bundle). AOVPN_FUZZ_FORMAT=list prints the formats, one per line, and
// AOVPN_FUZZ_FORMAT=classify prints "FORMAT<TAB>FILE" for each file argument that an importer
// recognises: Scripts/fuzz.sh reads both, so a new importer is fuzzed without editing the script.
#if FUZZING
    import CLibFuzzer
    import Foundation
    import Importers

    nonisolated(unsafe) var fuzzFormat: ExportFormat?

    /// One input: it may be rejected with an InputError, never crash, hang or leak.
    @_cdecl("LLVMFuzzerTestOneInput")
    public func fuzzOneInput(_ bytes: UnsafePointer<UInt8>, _ size: Int) -> CInt {
        let data = Data(bytes: bytes, count: size)
        if let format = fuzzFormat {
            let file = ImportedFile(path: "fuzz-input", data: data, serverHint: "fuzz")
            _ = try? EstateImporter.importFile(file, as: format, bundle: [file])
        } else {
            if let bundle = try? ExportBundle.read(zipData: data, name: "fuzz.zip") {
                _ = try? EstateImporter.importBundle(bundle)
            }
        }
        return 0
    }

    @_cdecl("FuzzImporters_main")
    public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
        let name = ProcessInfo.processInfo.environment["AOVPN_FUZZ_FORMAT"] ?? "clixml"
        let registry = ImporterRegistry.standard
        if name == "list" {
            print((registry.formats.map(\.rawValue) + ["zip"]).joined(separator: "\n"))
            return 0
        }
        if name == "classify" {
            for index in 1..<Int(argc) {
                guard let pointer = argv?[index] else { continue }
                let path = String(cString: pointer)
                guard let handle = FileHandle(forReadingAtPath: path) else { continue }
                let head = (try? handle.read(upToCount: FileHead.byteCount)) ?? Data()
                if let format = EstateImporter.detectFormat(head, registry: registry) { print("\(format)\t\(path)") }
            }
            return 0
        }
        fuzzFormat = registry.importer(of: ExportFormat(rawValue: name))?.format
        if fuzzFormat == nil && name != "zip" {
            FileHandle.standardError.write(Data("unknown AOVPN_FUZZ_FORMAT \(name)\n".utf8))
            return 2
        }
        var argc = argc
        var argv = argv
        return LLVMFuzzerRunDriver(&argc, &argv) { data, size in
            guard let data else { return 0 }
            return fuzzOneInput(data, size)
        }
    }
#endif
// Without FUZZING this file is an empty program: the plain build has nothing to run here.
