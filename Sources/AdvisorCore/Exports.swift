// The vocabulary of AdvisorCore's public API that a client names: re-exported one declaration at a
// time, so that the executable imports AdvisorCore (and ArgumentParser) only.
@_exported import struct Planning.MigrationPlan
@_exported import struct Planning.PlanSettings
@_exported import struct Reporting.AssessmentChanges
@_exported import struct Reporting.ChangesDocument
@_exported import struct Reporting.Diagnosis
@_exported import struct RuleAPI.AssessmentContext
@_exported import struct RuleAPI.Finding
@_exported import enum RuleAPI.Severity
@_exported import enum RulePacks.ModelDocWriter
@_exported import struct RulePacks.RulePack
@_exported import struct SampleGenerator.SampleEstateWriter
