param($p)
# Prepares a log collection: runs the command snapshots and exports the event logs into a fresh folder
# under TEMP, expands the file patterns, and lists every file to fetch with its size, last write time and
# whether it can be opened for reading now. Nothing is copied here; hlk-assist fetches the files over SFTP.

$run = [string]$p.run
if ($run -notmatch '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}-[0-9]{2}-[0-9]{2}Z(-[0-9]{1,3})?$') {
    throw ('{0} is not a collection run id' -f $run)
}
$maxFiles = [int]$p.maxFiles
$staging = Join-Path ([System.IO.Path]::GetTempPath()) ('hlk-assist-' + $run)
if (Test-Path -LiteralPath $staging) { Remove-Item -LiteralPath $staging -Recurse -Force }
$null = New-Item -ItemType Directory -Path (Join-Path $staging 'snapshots') -Force
$null = New-Item -ItemType Directory -Path (Join-Path $staging 'eventlogs') -Force

# The commands a snapshot may run: fixed here, chosen by name in $p.snapshots, never taken from $p.
$nativeSnapshots = @{
    'ipconfig-all'    = @('ipconfig.exe', '/all')
    'net-use'         = @('net.exe', 'use')
    'verifier-query'  = @('verifier.exe', '/query')
    'pnputil-drivers' = @('pnputil.exe', '/enum-drivers')
    'bcdedit-enum'    = @('bcdedit.exe', '/enum')
}
$powershellSnapshots = @{
    'adapters' = { Get-NetAdapter -IncludeHidden | Format-List -Property *; Get-NetAdapterAdvancedProperty -AllProperties | Format-Table -AutoSize }
}

$files = [System.Collections.Generic.List[object]]::new()
$items = [System.Collections.Generic.List[object]]::new()
$seen = New-Object 'System.Collections.Generic.HashSet[string]' ([System.StringComparer]::OrdinalIgnoreCase)

function Get-HlkaMessage($Record) {
    $e = $Record.Exception
    if ($null -ne $e.InnerException) { $e = $e.InnerException }
    return $e.Message
}

# Adds one file to the list, noting whether it can be opened now (a sharing violation says who holds it).
function Add-HlkaFile([System.IO.FileInfo]$File, [string]$Source) {
    if ($files.Count -ge $maxFiles) { return $false }
    if (-not $seen.Add($File.FullName)) { return $true }
    $readable = $true
    $problem = $null
    try {
        $share = [System.IO.FileShare]'ReadWrite, Delete'
        $stream = [System.IO.File]::Open($File.FullName, [System.IO.FileMode]::Open, [System.IO.FileAccess]::Read, $share)
        $stream.Dispose()
    } catch {
        $readable = $false
        $problem = Get-HlkaMessage $_
    }
    $files.Add([ordered]@{
        path     = $File.FullName
        size     = [int64]$File.Length
        modified = $File.LastWriteTimeUtc.ToString('o')
        source   = $Source
        readable = $readable
        problem  = $problem
    })
    return $true
}

function Add-HlkaItem([string]$Source, [string]$What, [int]$Count, $Problem) {
    $items.Add([ordered]@{ source = $Source; what = $What; files = $Count; problem = $Problem })
}

# A native command with its exit code and everything it printed; stderr must not stop the script.
function Invoke-HlkaNative([string]$FilePath, [string[]]$Arguments) {
    $ErrorActionPreference = 'Continue'
    $text = & $FilePath @Arguments 2>&1 | Out-String
    return [ordered]@{ exitCode = $LASTEXITCODE; output = $text.Trim() }
}

# A PowerShell snapshot: its errors (an adapter without advanced properties) go into the file with the rest.
function Invoke-HlkaSnapshot([scriptblock]$Block, [string]$Path) {
    $ErrorActionPreference = 'Continue'
    & $Block 2>&1 | Out-File -FilePath $Path -Encoding utf8 -Width 4096
}

foreach ($id in @($p.snapshots)) {
    $name = [string]$id
    $source = 'snapshot:' + $name
    $out = Join-Path $staging ('snapshots\{0}.txt' -f $name)
    $problem = $null
    try {
        if ($nativeSnapshots.ContainsKey($name)) {
            $command = $nativeSnapshots[$name]
            $err = Join-Path $staging ('snapshots\{0}.stderr.txt' -f $name)
            # Start-Process keeps the command's own bytes (its console code page) and can be given a time limit.
            $process = Start-Process -FilePath $command[0] -ArgumentList @($command | Select-Object -Skip 1) -NoNewWindow -PassThru -RedirectStandardOutput $out -RedirectStandardError $err
            $null = $process.Handle # without this, Windows PowerShell 5.1 loses the exit code
            if (-not $process.WaitForExit(60000)) {
                $process.Kill()
                $problem = 'did not finish within 60 s; its output so far is kept'
            } elseif ($process.ExitCode -ne 0) {
                $problem = 'exited with code {0}' -f $process.ExitCode
            }
            $errFile = Get-Item -LiteralPath $err
            if ($errFile.Length -eq 0) { Remove-Item -LiteralPath $err } else { $null = Add-HlkaFile $errFile $source }
        } elseif ($powershellSnapshots.ContainsKey($name)) {
            Invoke-HlkaSnapshot $powershellSnapshots[$name] $out
        } else {
            throw ('there is no snapshot named {0}' -f $name)
        }
        $null = Add-HlkaFile (Get-Item -LiteralPath $out) $source
        Add-HlkaItem $source $name 1 $problem
    } catch {
        Add-HlkaItem $source $name 0 (Get-HlkaMessage $_)
    }
}

$channels = @()
if (@($p.eventLogs).Count -gt 0) {
    $listing = Invoke-HlkaNative 'wevtutil.exe' @('el')
    $channels = @($listing.output -split "`r?`n" | Where-Object { $_ -ne '' })
}
foreach ($pattern in @($p.eventLogs)) {
    $wanted = [string]$pattern
    $matched = @($channels | Where-Object { $_ -like $wanted })
    if ($matched.Count -eq 0) {
        Add-HlkaItem ('eventlog:' + $wanted) $wanted 0 'no such event log on this machine'
    }
    foreach ($channel in $matched) {
        $source = 'eventlog:' + $channel
        # Windows names channel files the same way: a slash becomes %4.
        $out = Join-Path $staging ('eventlogs\{0}.evtx' -f ($channel -replace '/', '%4'))
        $export = Invoke-HlkaNative 'wevtutil.exe' @('epl', $channel, $out)
        if ($export.exitCode -ne 0) {
            Add-HlkaItem $source $channel 0 $export.output
        } else {
            $null = Add-HlkaFile (Get-Item -LiteralPath $out) $source
            Add-HlkaItem $source $channel 1 $null
        }
    }
}

# [ and ] are literal in our patterns; in PowerShell's they would be ranges.
function ConvertTo-HlkaWildcard([string]$Text) {
    return $Text -replace '([\[\]`])', '`$1'
}

foreach ($entry in @($p.paths)) {
    $source = [string]$entry.source
    $pattern = [string]$entry.pattern
    $expanded = [Environment]::ExpandEnvironmentVariables($pattern)
    $count = 0
    $problem = $null
    $found = @()
    $walkErrors = @()
    try {
        if ($expanded -match '%[^%\\]+%') {
            throw ('{0}: the machine has no environment variable {1}' -f $pattern, $Matches[0])
        }
        $recursive = $expanded.IndexOf('\**\')
        if ($recursive -lt 0 -and (Test-Path -LiteralPath $expanded -PathType Container)) {
            $expanded = $expanded.TrimEnd('\') + '\**\*'
            $recursive = $expanded.IndexOf('\**\')
        }
        if ($recursive -ge 0) {
            $base = $expanded.Substring(0, $recursive)
            $leaf = New-Object System.Management.Automation.WildcardPattern ((ConvertTo-HlkaWildcard $expanded.Substring($recursive + 4)), [System.Management.Automation.WildcardOptions]::IgnoreCase)
            if (Test-Path -LiteralPath $base -PathType Container) {
                $found = @(Get-ChildItem -LiteralPath $base -Recurse -File -Force -ErrorAction SilentlyContinue -ErrorVariable walkErrors | Where-Object { $leaf.IsMatch($_.Name) })
            }
        } else {
            $found = @(Get-ChildItem -Path (ConvertTo-HlkaWildcard $expanded) -File -Force -ErrorAction SilentlyContinue -ErrorVariable walkErrors)
        }
        foreach ($file in $found) {
            if (-not (Add-HlkaFile $file $source)) {
                $problem = 'more than {0} files; the rest were left out' -f $maxFiles
                break
            }
            $count++
        }
        # A path that does not exist is just nothing to collect; a folder that cannot be read is worth saying.
        $unreadable = @($walkErrors | Where-Object { $_.Exception -isnot [System.Management.Automation.ItemNotFoundException] })
        if ($null -eq $problem -and $unreadable.Count -gt 0) {
            $problem = '{0} folders could not be read, for example: {1}' -f $unreadable.Count, (Get-HlkaMessage $unreadable[0])
        }
    } catch {
        $problem = Get-HlkaMessage $_
    }
    Add-HlkaItem $source $pattern $count $problem
}

[ordered]@{
    staging = $staging
    files   = @($files)
    items   = @($items)
}
