# hlk-assist request loop, protocol 1: the functions. request-loop-serve.ps1 runs them over stdin and stdout.
# A request line is base64 of UTF-8 JSON: { id, op, sha, script?, params, timeoutMs? }. The script text is sent
# once per session and cached by its SHA-256; params arrive as a decoded object and are passed to the script
# as data. An answer line is '#HLKA# ' followed by base64 of UTF-8 JSON: { id, ok, result } or { id, ok, error }.
# Everything is ASCII on the wire, so the console code page cannot garble it.
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
$WarningPreference = 'SilentlyContinue'
$InformationPreference = 'SilentlyContinue'
$HlkaUtf8 = New-Object System.Text.UTF8Encoding $false
$HlkaScripts = @{}

# A request that outlives its time limit ends this PowerShell: by then hlk-assist has given up on it and
# uses a fresh session, and nothing else would stop a script stuck in Start-Sleep or a native program
# (closing the SSH channel does not end the process). The timer's callback runs on a thread pool thread,
# where a script block cannot run, so it is a compiled expression: no Add-Type, no compiler, milliseconds.
$HlkaExpression = [System.Linq.Expressions.Expression]
$HlkaKillSelf = $HlkaExpression::Lambda(
    [System.Threading.TimerCallback],
    $HlkaExpression::Call(
        $HlkaExpression::Call([System.Diagnostics.Process].GetMethod('GetCurrentProcess', [type[]]@())),
        [System.Diagnostics.Process].GetMethod('Kill', [type[]]@())),
    [System.Linq.Expressions.ParameterExpression[]]@($HlkaExpression::Parameter([object], 'state'))).Compile()
# Grace after the request's own limit, so hlk-assist always gives up first and says why.
$HlkaWatchdogGraceMs = 5000

# JSON's \u escapes for UTF-16 surrogates: a lone one would otherwise become U+FFFD on the way to UTF-8.
$HlkaEscapeSurrogate = [System.Text.RegularExpressions.MatchEvaluator] { param($m) '\u{0:x4}' -f [int][char]$m.Value }

function Format-HlkaFrame($Answer) {
    try {
        $json = ConvertTo-Json -InputObject $Answer -Depth 12 -Compress
    } catch {
        # One answer that cannot be written fails that request alone; the loop goes on.
        $json = ConvertTo-Json -Depth 4 -Compress -InputObject @{
            id    = $Answer.id
            ok    = $false
            error = @{
                message  = 'the result could not be written as JSON: ' + $_.Exception.Message
                type     = $_.Exception.GetType().FullName
                category = 'InvalidResult'
                line     = 0
            }
        }
    }
    $json = [System.Text.RegularExpressions.Regex]::Replace($json, '[\uD800-\uDFFF]', $HlkaEscapeSurrogate)
    return '#HLKA# ' + [Convert]::ToBase64String($HlkaUtf8.GetBytes($json))
}

function Invoke-HlkaRequest([string]$Line) {
    $id = $null
    $watchdog = $null
    try {
        $request = ConvertFrom-Json -InputObject $HlkaUtf8.GetString([Convert]::FromBase64String($Line))
        $id = $request.id
        if ($request.timeoutMs -gt 0) {
            $watchdog = New-Object System.Threading.Timer -ArgumentList $HlkaKillSelf, $null, ([int]$request.timeoutMs + $HlkaWatchdogGraceMs), ([System.Threading.Timeout]::Infinite)
        }
        $block = $HlkaScripts[$request.sha]
        if ($null -eq $block) {
            if ($null -eq $request.script) { throw 'hlk-assist: script not cached; send it again' }
            $block = [ScriptBlock]::Create([string]$request.script)
            $HlkaScripts[$request.sha] = $block
        }
        $output = @(& $block $request.params)
        if ($output.Count -eq 1) { $result = $output[0] } elseif ($output.Count -eq 0) { $result = $null } else { $result = $output }
        return @{ id = $id; ok = $true; result = $result }
    } catch {
        $record = $_
        return @{
            id    = $id
            ok    = $false
            error = @{
                message  = $record.Exception.Message
                type     = $record.Exception.GetType().FullName
                category = $record.CategoryInfo.Category.ToString()
                line     = $record.InvocationInfo.ScriptLineNumber
            }
        }
    } finally {
        if ($null -ne $watchdog) { $watchdog.Dispose() }
    }
}
