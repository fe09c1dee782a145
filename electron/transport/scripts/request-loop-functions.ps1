# hlk-assist request loop, protocol 1: the functions. request-loop-serve.ps1 runs them over stdin and stdout.
# A request line is base64 of UTF-8 JSON: { id, op, sha, script?, params }. The script text is sent once per
# session and cached by its SHA-256; params arrive as a decoded object and are passed to the script as data.
# An answer line is '#HLKA# ' followed by base64 of UTF-8 JSON: { id, ok, result } or { id, ok, error }.
# Everything is ASCII on the wire, so the console code page cannot garble it.
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
$WarningPreference = 'SilentlyContinue'
$InformationPreference = 'SilentlyContinue'
$HlkaUtf8 = New-Object System.Text.UTF8Encoding $false
$HlkaScripts = @{}

function Format-HlkaFrame($Answer) {
    $json = ConvertTo-Json -InputObject $Answer -Depth 12 -Compress
    return '#HLKA# ' + [Convert]::ToBase64String($HlkaUtf8.GetBytes($json))
}

function Invoke-HlkaRequest([string]$Line) {
    $id = $null
    try {
        $request = ConvertFrom-Json -InputObject $HlkaUtf8.GetString([Convert]::FromBase64String($Line))
        $id = $request.id
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
    }
}
