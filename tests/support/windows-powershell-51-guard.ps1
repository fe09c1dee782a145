# Reads PowerShell texts with PowerShell's own parser and walks their syntax trees for what Windows
# PowerShell 5.1 lacks or gets wrong. Input: the path of a JSON file, an array of { name, source, kind };
# output: one JSON array of findings { name, rule, line, message } on stdout. This runs in PowerShell 7
# (its parser knows the newer syntax, so it can name it); the texts it reads must run in 5.1.
param([string]$InputPath)
$ErrorActionPreference = 'Stop'
$texts = Get-Content -LiteralPath $InputPath -Raw -Encoding UTF8 | ConvertFrom-Json
$findings = [System.Collections.Generic.List[object]]::new()

# Commands PowerShell 6 and 7 added, and the parameters they added to older commands.
$newerCommands = @('join-string', 'get-error', 'test-json', 'convertfrom-markdown', 'show-markdown', 'get-uptime', 'remove-alias', 'remove-service', 'clear-recyclebin', 'foreach-object -parallel')
$newerParameters = @{
    'convertfrom-json' = @('ashashtable', 'depth', 'noenumerate', 'datekind')
    'convertto-json'   = @('asarray', 'enumsasstrings', 'escapehandling')
    'foreach-object'   = @('parallel', 'throttlelimit', 'asjob', 'usenewrunspace')
    '%'                = @('parallel', 'throttlelimit', 'asjob', 'usenewrunspace')
    'foreach'          = @('parallel', 'throttlelimit', 'asjob', 'usenewrunspace')
    'get-content'      = @('asbytestream')
    'set-content'      = @('asbytestream')
    'add-content'      = @('asbytestream')
    'select-string'    = @('raw', 'noemphasis')
    'get-date'         = @('asutc', 'unixtimeseconds')
    'sort-object'      = @('top', 'bottom', 'stable')
    'start-sleep'      = @('duration')
    'split-path'       = @('extension', 'leafbase')
    'join-path'        = @('additionalchildpath')
    'test-connection'  = @('targetname', 'ping', 'tcpport', 'mtusize', 'traceroute')
    'get-childitem'    = @('followsymlink')
    'convertto-csv'    = @('usequotes', 'quotefields')
    'export-csv'       = @('usequotes', 'quotefields')
    'invoke-webrequest' = @('skipcertificatecheck', 'resume', 'skiphttperrorcheck')
    'invoke-restmethod' = @('skipcertificatecheck', 'resume', 'skiphttperrorcheck')
}
# Encodings 5.1's -Encoding does not know (it writes UTF-8 with a BOM as 'UTF8').
$newerEncodings = @('utf8nobom', 'utf8bom', 'ansi')
# Automatic variables that exist only in PowerShell 6 and 7: unset (so $false) in 5.1.
$newerVariables = @('iswindows', 'islinux', 'ismacos', 'iscoreclr', 'psstyle')

function Add-Finding([string]$name, [string]$rule, $node, [string]$message) {
    $findings.Add([ordered]@{ name = $name; rule = $rule; line = [int]$node.Extent.StartLineNumber; message = $message })
}

# A parameter given by a unique prefix counts: -Dep is -Depth (-De could be -Debug too).
function Test-NamesParameter([string]$given, [string]$parameter, [int]$shortest) {
    return $given.Length -ge $shortest -and $parameter.StartsWith($given, [StringComparison]::OrdinalIgnoreCase)
}

foreach ($text in @($texts)) {
    $tokens = $null
    $errors = $null
    $ast = [System.Management.Automation.Language.Parser]::ParseInput([string]$text.source, [ref]$tokens, [ref]$errors)
    foreach ($e in @($errors)) {
        $findings.Add([ordered]@{ name = [string]$text.name; rule = 'parse-error'; line = [int]$e.Extent.StartLineNumber; message = [string]$e.Message })
    }

    foreach ($node in $ast.FindAll({ $true }, $true)) {
        $type = $node.GetType().Name
        if ($type -eq 'TernaryExpressionAst') {
            Add-Finding $text.name 'question-operators' $node 'the ternary ?: operator needs PowerShell 7'
        } elseif ($type -eq 'PipelineChainAst') {
            Add-Finding $text.name 'pipeline-chain' $node "'&&' and '||' pipeline chains need PowerShell 7"
        } elseif ($type -eq 'BinaryExpressionAst' -and $node.Operator.ToString() -eq 'QuestionQuestion') {
            Add-Finding $text.name 'question-operators' $node 'the ?? operator needs PowerShell 7'
        } elseif ($type -eq 'AssignmentStatementAst' -and $node.Operator.ToString() -eq 'QuestionQuestionEquals') {
            Add-Finding $text.name 'question-operators' $node 'the ??= operator needs PowerShell 7'
        } elseif (($type -eq 'MemberExpressionAst' -or $type -eq 'InvokeMemberExpressionAst' -or $type -eq 'IndexExpressionAst') -and $node.NullConditional) {
            Add-Finding $text.name 'question-operators' $node 'the ?. and ?[] operators need PowerShell 7'
        } elseif ($type -eq 'ScriptBlockAst' -and $null -ne $node.CleanBlock) {
            Add-Finding $text.name 'clean-block' $node.CleanBlock 'clean {} blocks need PowerShell 7.3'
        } elseif ($type -eq 'VariableExpressionAst' -and $newerVariables -contains $node.VariablePath.UserPath.ToLowerInvariant()) {
            Add-Finding $text.name 'newer-variable' $node ('$' + $node.VariablePath.UserPath + ' does not exist in Windows PowerShell 5.1')
        } elseif (($type -eq 'ExpandableStringExpressionAst' -or ($type -eq 'StringConstantExpressionAst' -and $node.StringConstantType.ToString().StartsWith('DoubleQuoted'))) -and $node.Extent.Text -match '`u\{') {
            Add-Finding $text.name 'unicode-escape' $node '`u{...} escapes need PowerShell 6; use [char]0x....'
        } elseif ($type -eq 'CommandAst') {
            $command = $node.GetCommandName()
            if ($null -eq $command) { continue }
            $command = $command.ToLowerInvariant()
            $parameters = @($node.CommandElements | Where-Object { $_ -is [System.Management.Automation.Language.CommandParameterAst] })
            $names = @($parameters | ForEach-Object { $_.ParameterName.ToLowerInvariant() })
            if ($newerCommands -contains $command) {
                Add-Finding $text.name 'newer-command' $node "$command does not exist in Windows PowerShell 5.1"
            }
            if ($command -eq 'convertto-json' -and -not ($names | Where-Object { Test-NamesParameter $_ 'depth' 3 })) {
                Add-Finding $text.name 'convertto-json-depth' $node 'ConvertTo-Json without -Depth: Windows PowerShell 5.1 stops at depth 2 and truncates silently'
            }
            $added = $newerParameters[$command]
            foreach ($given in $names) {
                foreach ($parameter in @($added)) {
                    if ($null -ne $parameter -and (Test-NamesParameter $given $parameter ([Math]::Min(3, $parameter.Length)))) {
                        Add-Finding $text.name 'newer-parameter' $node "$command -$parameter does not exist in Windows PowerShell 5.1"
                    }
                }
            }
            for ($i = 0; $i -lt $node.CommandElements.Count - 1; $i++) {
                $element = $node.CommandElements[$i]
                if ($element -is [System.Management.Automation.Language.CommandParameterAst] -and $element.ParameterName -eq 'Encoding') {
                    $value = if ($null -ne $element.Argument) { $element.Argument } else { $node.CommandElements[$i + 1] }
                    if ($value -is [System.Management.Automation.Language.StringConstantExpressionAst] -and $newerEncodings -contains $value.Value.ToLowerInvariant()) {
                        Add-Finding $text.name 'newer-parameter' $node "-Encoding $($value.Value) does not exist in Windows PowerShell 5.1"
                    }
                }
            }
        }
    }

    if ($text.kind -eq 'operation') {
        $first = $ast.ParamBlock
        $ok = $null -ne $first -and $first.Parameters.Count -eq 1 -and $first.Parameters[0].Name.VariablePath.UserPath -eq 'p' -and
            ($ast.Extent.Text.Substring(0, $first.Extent.StartOffset - $ast.Extent.StartOffset) -replace '(?m)^\s*#.*$', '').Trim().Length -eq 0
        if (-not $ok) {
            $findings.Add([ordered]@{ name = [string]$text.name; rule = 'starts-with-param-p'; line = 1; message = 'an operation script starts with param($p): its parameters arrive as one object' })
        }
    }

    if ($text.kind -eq 'request-loop' -or $text.kind -eq 'bootstrap') {
        $silenced = $ast.FindAll({
                param($n)
                $n -is [System.Management.Automation.Language.AssignmentStatementAst] -and
                $n.Left.Extent.Text -eq '$ProgressPreference' -and $n.Right.Extent.Text -eq "'SilentlyContinue'"
            }, $true)
        if (@($silenced).Count -eq 0) {
            $findings.Add([ordered]@{ name = [string]$text.name; rule = 'progress-preference'; line = 1; message = "set `$ProgressPreference = 'SilentlyContinue': 5.1 writes progress records to stderr as CLIXML" })
        }
    }
}

ConvertTo-Json -InputObject @($findings) -Depth 4 -Compress
