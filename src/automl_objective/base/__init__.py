"""The floor every stage stands on: the finding codes (:mod:`.codes`), a finding
(:mod:`.finding`), how a value or a name is shown (:mod:`.quoting`), the files the generated
package ships (:mod:`.schema`, :mod:`.editor_schemas`). Nothing here imports a stage
(inputs, check, report) or an entry point."""
