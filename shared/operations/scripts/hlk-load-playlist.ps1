param($p)
# HLK Studio's "Load Playlist": PlaylistManager.LoadPlaylist(path) narrows the project's tests to the
# playlist's (a playlist loaded before is unloaded first). Answers with how many tests the playlist names,
# how many of the project's tests it selects (GetTestsFromProjectThatMatchPlaylist) and how many it names
# that the project does not have (LoadPlaylist's answer).
Invoke-HlkObjectModel {
    param($manager, $server, $database)
    $path = [string]$p.path
    if (-not (Test-Path -LiteralPath $path -PathType Leaf)) {
        throw ('There is no playlist file at ' + $path + ' on the controller.')
    }
    $project = Get-HlkProject $manager ([string]$p.project) $server
    $playlists = New-Object Microsoft.Windows.Kits.Hardware.ObjectModel.PlaylistManager -ArgumentList $project
    # IsPlaylistLoaded is missing from older kits' object model (hlk-project.ps1 guards it too): there whatever
    # may be loaded is unloaded, and whether something was is not known.
    $replaced = $null
    try { $replaced = [bool]$playlists.IsPlaylistLoaded() } catch { $replaced = $null }
    if ($replaced -eq $true) {
        [void]$playlists.UnloadPlaylist()
    } elseif ($null -eq $replaced) {
        try { [void]$playlists.UnloadPlaylist() } catch { Write-Verbose ('No playlist to unload: ' + $_.Exception.Message) }
    }
    $notFound = @($playlists.LoadPlaylist($path))
    $playlist = [Microsoft.Windows.Kits.Hardware.ObjectModel.PlaylistManager]::DeserializePlaylist($path)
    $selected = @($playlists.GetTestsFromProjectThatMatchPlaylist($playlist))
    [ordered]@{
        path            = $path
        replaced        = $replaced
        testsInPlaylist = @($playlist.TestSet).Count
        testsSelected   = $selected.Count
        notFound        = $notFound.Count
    }
}
