// libFuzzer harness for every importer. Built only by Scripts/fuzz.sh
// (-sanitize=fuzzer,address -DFUZZING -parse-as-library); a plain build gets this stub.
// The importer under test is chosen with AOVPN_FUZZ_FORMAT (clixml, reg, netsh-ras-dump,
// f5-bigip-conf, citrix-ns-conf, kemp-listvs-xml, nginx-conf, profilexml, zip).
#if FUZZING
    import CLibFuzzer
    import Foundation
    import Importers

    nonisolated(unsafe) var fuzzFormat: ExportFormat?

    /// One input: it may be rejected with an ImportError, never crash, hang or leak.
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
        fuzzFormat = ExportFormat(rawValue: name)
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
